import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../src/app';
import { SpanStore } from '../src/span-store';
import { SPEC_EXAMPLE, sampleTrace } from './spans';

function app(limits = { maxTraces: 100, maxSpans: 1000 }, bodyLimit = '100kb') {
  const store = new SpanStore(limits);
  return { store, app: buildApp({ store, bodyLimit }) };
}

const nowUs = () => Date.now() * 1000;

/** Posts raw bytes with node's fetch (supertest would JSON-encode a Buffer sent as application/json). */
async function postGzip(a: Express, json: string): Promise<{ status: number; body: { error?: { code: string } } }> {
  const server = a.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/v2/spans`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(json),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  } finally {
    // fetch keeps its connection alive: close it too, or the test leaves a socket open.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('POST /api/v2/spans', () => {
  it('accepts the spec example span with 202 and serves it back from /api/v2/trace/{traceId}', async () => {
    const { app: a } = app();
    await request(a).post('/api/v2/spans').send([SPEC_EXAMPLE]).expect(202);
    const res = await request(a).get(`/api/v2/trace/${SPEC_EXAMPLE.traceId}`).expect(200);
    expect(res.body).toEqual([SPEC_EXAMPLE]);
  });

  it('accepts a gzip-encoded body (Content-Encoding: gzip)', async () => {
    const { app: a } = app();
    const spans = sampleTrace(nowUs());
    expect((await postGzip(a, JSON.stringify(spans))).status).toBe(202);
    const res = await request(a).get(`/api/v2/trace/${spans[0]!.traceId}`).expect(200);
    expect(res.body).toHaveLength(3);
  });

  it('refuses malformed JSON, a body that is not a list and a span with a bad id with 400 and a message', async () => {
    const { app: a } = app();
    const bad = await request(a).post('/api/v2/spans').set('Content-Type', 'application/json').send('[{"traceId":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MALFORMED_BODY');

    const notList = await request(a).post('/api/v2/spans').send({ traceId: 'abc' });
    expect(notList.status).toBe(400);
    expect(notList.body.error.message).toMatch(/Not a list of Zipkin v2 spans/);

    const badId = await request(a)
      .post('/api/v2/spans')
      .send([{ ...SPEC_EXAMPLE, id: 'XYZ' }]);
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/\[0\]\.id: must be 16 lowercase hex/);
  });

  it('refuses a body over the limit (after gunzip) with 413, and a non-JSON content type with 415', async () => {
    const { app: a, store } = app(undefined, '1kb');
    const big = JSON.stringify(Array.from({ length: 20 }, () => SPEC_EXAMPLE));
    expect(gzipSync(big).length).toBeLessThan(1024);
    const res = await postGzip(a, big);
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    const proto = await request(a).post('/api/v2/spans').set('Content-Type', 'application/x-protobuf').send('x');
    expect(proto.status).toBe(415);
    expect(store.stats().spans).toBe(0);
  });
});

describe('queries', () => {
  it('lists services and span names (lower-cased, sorted)', async () => {
    const { app: a } = app();
    await request(a).post('/api/v2/spans').send(sampleTrace(nowUs())).expect(202);
    await request(a).post('/api/v2/spans').send([SPEC_EXAMPLE]).expect(202);
    expect((await request(a).get('/api/v2/services').expect(200)).body).toEqual([
      'accountservice',
      'backend',
      'quotes-service',
    ]);
    expect((await request(a).get('/api/v2/spans?serviceName=AccountService').expect(200)).body).toEqual([
      'get',
      'get /accounts/:accountid',
    ]);
    expect((await request(a).get('/api/v2/spans')).status).toBe(400);
  });

  it('finds traces by service, span name, duration and time window, newest first, up to limit', async () => {
    const { app: a } = app();
    const now = nowUs();
    const older = sampleTrace(now - 60_000_000);
    const newer = sampleTrace(now - 1_000_000);
    await request(a)
      .post('/api/v2/spans')
      .send([...older, ...newer, SPEC_EXAMPLE])
      .expect(202);
    const ids = (body: { traceId: string }[][]) => body.map((t) => t[0]!.traceId);

    const all = await request(a).get('/api/v2/traces?serviceName=quotes-service').expect(200);
    expect(ids(all.body)).toEqual([newer[0]!.traceId, older[0]!.traceId]);
    expect(all.body[0]).toHaveLength(3);

    const limited = await request(a).get('/api/v2/traces?serviceName=quotes-service&limit=1').expect(200);
    expect(ids(limited.body)).toEqual([newer[0]!.traceId]);

    const window = await request(a)
      .get(`/api/v2/traces?endTs=${Math.round(now / 1000)}&lookback=10000`)
      .expect(200);
    expect(ids(window.body)).toEqual([newer[0]!.traceId]);

    expect((await request(a).get('/api/v2/traces?minDuration=41000').expect(200)).body).toEqual([]);
    expect((await request(a).get('/api/v2/traces?spanName=get%20/api%2Fquote').expect(200)).body).toHaveLength(2);
    // The spec example's timestamp is from 2019: found with a lookback that reaches it.
    const old = await request(a).get('/api/v2/traces?serviceName=backend&lookback=300000000000').expect(200);
    expect(ids(old.body)).toEqual([SPEC_EXAMPLE.traceId]);
  });

  it('refuses bad query values naming the parameter', async () => {
    const { app: a } = app();
    const res = await request(a).get('/api/v2/traces?limit=lots');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^limit: /);
    expect((await request(a).get('/api/v2/traces?maxDuration=5')).body.error.message).toMatch(/maxDuration/);
  });

  it('answers 404 for an unknown trace and 400 for an id that is not hex', async () => {
    const { app: a } = app();
    const missing = await request(a).get('/api/v2/trace/0123456789abcdef');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('TRACE_NOT_FOUND');
    expect((await request(a).get('/api/v2/trace/not-a-trace')).status).toBe(400);
  });
});

describe('bounded memory', () => {
  it('evicts the oldest traces beyond maxTraces and maxSpans, and counts them on /health', async () => {
    const { app: a } = app({ maxTraces: 2, maxSpans: 5 });
    const [first, second, third] = [sampleTrace(nowUs()), sampleTrace(nowUs()), sampleTrace(nowUs())];
    await request(a).post('/api/v2/spans').send(first).expect(202);
    await request(a).post('/api/v2/spans').send(second).expect(202);
    // 6 spans > 5: the first trace goes.
    expect((await request(a).get(`/api/v2/trace/${first[0]!.traceId}`)).status).toBe(404);
    await request(a).post('/api/v2/spans').send(third).expect(202);
    expect((await request(a).get(`/api/v2/trace/${second[0]!.traceId}`)).status).toBe(404);
    expect((await request(a).get(`/api/v2/trace/${third[0]!.traceId}`)).status).toBe(200);
    const health = await request(a).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'UP', traces: 1, spans: 3, evictedTraces: 2, evictedSpans: 6 });
  });

  it('keeps the newest spans of one trace larger than the whole budget', () => {
    const store = new SpanStore({ maxTraces: 10, maxSpans: 2 });
    const spans = sampleTrace(nowUs());
    store.add(spans);
    expect(store.trace(spans[0]!.traceId)!.map((s) => s.id)).toEqual([spans[1]!.id, spans[2]!.id]);
    expect(store.stats()).toMatchObject({ spans: 2, evictedSpans: 1, evictedTraces: 0 });
  });

  it('stores a span reported twice once', () => {
    const store = new SpanStore({ maxTraces: 10, maxSpans: 10 });
    store.add([SPEC_EXAMPLE]);
    store.add([{ ...SPEC_EXAMPLE, duration: 2000 }]);
    expect(store.trace(SPEC_EXAMPLE.traceId)).toEqual([{ ...SPEC_EXAMPLE, duration: 2000 }]);
  });
});

it('serves the trace page at / and /zipkin/, and JSON 404 elsewhere', async () => {
  const { app: a } = app();
  for (const path of ['/', '/zipkin/']) {
    const res = await request(a).get(path).expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('id="waterfall"');
  }
  expect((await request(a).get('/nope')).body.error.code).toBe('NOT_FOUND');
});
