import axios from 'axios';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import {
  currentRequestId,
  propagateRequestId,
  requestLogging,
  runWithRequestContext,
  runWithRequestIdFrom,
  withRequestIdHeader,
} from '..';
import { captureLogger } from './capture';

/** A real local HTTP server that answers with the X-Request-ID it received. */
async function echoServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ received: req.headers['x-request-id'] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let downstream: Awaited<ReturnType<typeof echoServer>>;
beforeAll(async () => {
  downstream = await echoServer();
});
afterAll(() => downstream.close());

describe('[request-id] the request context', () => {
  it('survives awaits, timers and promise chains, and stays apart per request', async () => {
    const seen = await Promise.all(
      ['r-1', 'r-2'].map((requestId) =>
        runWithRequestContext({ requestId }, async () => {
          await delay(5);
          const fromTimer = await new Promise((resolve) => setTimeout(() => resolve(currentRequestId()), 1));
          const fromChain = await Promise.resolve().then(() => currentRequestId());
          return [currentRequestId(), fromTimer, fromChain];
        }),
      ),
    );
    expect(seen).toEqual([
      ['r-1', 'r-1', 'r-1'],
      ['r-2', 'r-2', 'r-2'],
    ]);
    expect(currentRequestId()).toBeUndefined();
  });

  it('goes into axios calls as X-Request-ID (and not outside a request)', async () => {
    const client = axios.create({ baseURL: downstream.url });
    propagateRequestId(client);
    const inside = await runWithRequestContext({ requestId: 't-axios' }, async () => {
      await delay(1);
      return (await client.get('/api/quote')).data;
    });
    expect(inside).toEqual({ received: 't-axios' });
    expect((await client.get('/api/quote')).data).toEqual({ received: null });
  });

  it('carries an incoming request id through an Express handler into the downstream call', async () => {
    const captured = captureLogger();
    const client = axios.create({ baseURL: downstream.url });
    propagateRequestId(client);
    const app = express();
    app.use(requestLogging(captured.logger));
    app.get('/accounts/:id', async (_req, res) => {
      const quote = await client.get('/api/quote');
      captured.logger.info('got the quote');
      res.json({ downstreamSaw: quote.data.received });
    });
    const response = await request(app).get('/accounts/10000').set('X-Request-ID', 't-123').expect(200);
    expect(response.body).toEqual({ downstreamSaw: 't-123' });
    expect(captured.lines().find((l) => l.msg === 'got the quote')).toMatchObject({ reqId: 't-123' });
  });

  it('goes into AMQP headers and is restored when the message is consumed', async () => {
    const headers = runWithRequestContext({ requestId: 't-amqp' }, () => withRequestIdHeader({ 'x-other': 1 }));
    expect(headers).toEqual({ 'x-other': 1, 'x-request-id': 't-amqp' });
    expect(withRequestIdHeader({ a: 1 })).toEqual({ a: 1 });
    // A round trip the way amqplib hands headers back (plain object; a long string may come as a Buffer).
    const restored = await runWithRequestIdFrom(JSON.parse(JSON.stringify(headers)), async () => {
      await delay(1);
      return currentRequestId();
    });
    expect(restored).toBe('t-amqp');
    expect(runWithRequestIdFrom({ 'x-request-id': Buffer.from('t-buf') }, currentRequestId)).toBe('t-buf');
  });

  it.each([
    ['missing', undefined],
    ['CR/LF', { 'x-request-id': 'a\r\nb' }],
    ['10 KB', { 'x-request-id': 'a'.repeat(10 * 1024) }],
  ])('gives a consumed message with a %s id a fresh one', (_what, headers) => {
    const id = runWithRequestIdFrom(headers, currentRequestId);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
