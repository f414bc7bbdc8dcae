import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp from 'amqplib';
import express from 'express';
import { BreakerRegistry, DEFAULT_BREAKER_SETTINGS, breakersHandler } from '../../resilience';
import {
  type Announcer,
  BreakerAggregator,
  type DiscoveryBus,
  type LandscapeView,
  amqpDiscovery,
  announceInstance,
  breakerStreamHandler,
} from '..';

jest.setTimeout(30_000);

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const exchange = `discovery.test.${randomUUID()}`;
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  await channel.deleteExchange(exchange);
  await connection.close();
});

async function listen(app: express.Express): Promise<string> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An accountservice instance: its breakers on GET /breakers, announced on the discovery exchange. */
async function instance(name: string, openQuotes: boolean): Promise<Announcer> {
  const registry = new BreakerRegistry(() => ({
    ...DEFAULT_BREAKER_SETTINGS,
    volumeThreshold: 1,
    resetTimeoutMs: 600_000,
  }));
  cleanups.push(() => registry.shutdown());
  const quotes = registry.breaker('quotes-service');
  if (openQuotes)
    await quotes.call(
      () => Promise.reject(new Error('down')),
      () => 'fallback',
    );
  else
    await quotes.call(
      async () => 'quote',
      () => 'fallback',
    );
  const app = express();
  app.get('/breakers', breakersHandler(registry));
  const url = await listen(app);
  const bus = await discoveryBus();
  return announceInstance(
    (a) => bus.publish(a),
    { service: 'accountservice', instance: name, url },
    { heartbeatMs: 500 },
  );
}

async function discoveryBus(): Promise<DiscoveryBus> {
  const bus = await amqpDiscovery(AMQP_URL, exchange);
  cleanups.push(() => bus.close());
  return bus;
}

/** Reads the SSE stream until a view satisfies `wanted`. */
async function streamUntil(url: string, wanted: (view: LandscapeView) => boolean): Promise<LandscapeView> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const res = await fetch(url, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue;
        const view = JSON.parse(data.slice(6)) as LandscapeView;
        if (wanted(view)) return view;
      }
    }
    throw new Error('the stream ended');
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

it('aggregates every announced instance into one live stream of breaker states, and drops an instance that goes down', async () => {
  // The aggregator first: it learns instances from their announcements.
  const aggregator = new BreakerAggregator({ pollMs: 200 }).start();
  cleanups.push(() => aggregator.stop());
  const aggregatorBus = await discoveryBus();
  await aggregatorBus.subscribe(aggregator.handle);
  const app = express();
  app.get('/breakers/stream', breakerStreamHandler(aggregator));
  const streamUrl = `${await listen(app)}/breakers/stream`;

  const first = await instance('replica-1', true);
  const second = await instance('replica-2', false);

  const both = await streamUntil(
    streamUrl,
    (view) => view.instances.filter((i) => i.reachable && i.breakers.length > 0).length === 2,
  );
  expect(both.instances.map((i) => [i.service, i.instance, i.breakers[0]?.name, i.breakers[0]?.state])).toEqual([
    ['accountservice', 'replica-1', 'quotes-service', 'open'],
    ['accountservice', 'replica-2', 'quotes-service', 'closed'],
  ]);

  await first.stop();
  const one = await streamUntil(streamUrl, (view) => view.instances.length === 1);
  expect(one.instances[0]?.instance).toBe('replica-2');
  await second.stop();
});

it('learns instances that announced before it started, from their heartbeat', async () => {
  const early = await instance('early', false);
  const aggregator = new BreakerAggregator({ pollMs: 200 }).start();
  cleanups.push(() => aggregator.stop());
  await (await discoveryBus()).subscribe(aggregator.handle);
  const deadline = Date.now() + 10_000;
  while (!aggregator.view().instances.some((i) => i.instance === 'early' && i.reachable)) {
    if (Date.now() > deadline) throw new Error('the heartbeat never reached the aggregator');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await early.stop();
});
