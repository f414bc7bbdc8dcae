import http from 'node:http';
import path from 'node:path';
import {
  type Landscape,
  expectStatus,
  freePort,
  itWhenInstalled,
  localScrapeTargets,
  startLandscape,
  startLocalPrometheus,
} from '@workshop/testkit';
import { FALLBACK_QUOTE, PLACEHOLDER_IMAGE_URL } from '../common/resilience';
import { uniqueName, withChannel } from '../common/messaging/test/helpers/broker';
import { landscapeAuth } from './landscape-auth';

// The chapter's landscape through the same runner as `npm run chapter:7`, on free ports, against the
// real RabbitMQ: real processes, real breakers, failures made with the chaos switches or by stopping
// quotes-service. Nothing is timed: the tests count requests where they arrive and compare order.
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(180_000);

const VOLUME = 4;
const CAPACITY = 2;

interface Account {
  quote: { ipAddress: string; quote: string };
  imageData: { url: string; servedBy: string };
}
interface BreakerView {
  name: string;
  state: string;
}

/** One GET on its own TCP connection, so the round robin in front of replicas picks anew. */
function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 30_000, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`GET ${url} answered ${res.statusCode}: ${body}`));
          else resolve(JSON.parse(body) as T);
        });
      })
      .on('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Requests a service has served on one route, by its own /metrics (all statuses). */
async function served(baseUrl: string, route: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('http_request_duration_seconds_count{') && line.includes(`route="${route}"`))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

describe('chapter 7: breakers, retries and the bulkhead on real processes', () => {
  const name = uniqueName('ch07b');
  const exchanges = { vip: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus`, discovery: `${name}.disc` };
  let landscape: Landscape;
  let accounts: string;
  let quotes: string;
  let images: string;

  // Chapter 08: /accounts wants an access token (from the landscape's authserver).
  const auth = landscapeAuth();
  const account = async (id = '10000') => getJson<Account>(`${accounts}/accounts/${id}`, await auth.header(landscape));
  const breaker = async (which: string) =>
    (await getJson<{ breakers: BreakerView[] }>(`${accounts}/breakers`)).breakers.find((b) => b.name === which);
  const chaos = (url: string, settings: { failureRate?: number; latencyMs?: number }) =>
    expectStatus('POST', `${url}/chaos`, 200, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });

  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  beforeAll(async () => {
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      // Replicas (one to start with) so a test can stop quotes-service and add an accountservice.
      replicas: { 'quotes-service': 1, accountservice: 1 },
      env: {
        ...auth.env,
        VIP_EXCHANGE: exchanges.vip,
        VIP_QUEUE: exchanges.queue,
        SPRING_CLOUD_BUS_DESTINATION: exchanges.bus,
        DISCOVERY_EXCHANGE: exchanges.discovery,
        BREAKERS_QUOTES_SERVICE_VOLUME_THRESHOLD: String(VOLUME),
        BREAKERS_QUOTES_SERVICE_RESET_TIMEOUT_MS: '3000',
        // imageservice's breaker never opens here: its tests are about the bulkhead and the retries.
        BREAKERS_IMAGESERVICE_CAPACITY: String(CAPACITY),
        BREAKERS_IMAGESERVICE_TIMEOUT_MS: '20000',
        BREAKERS_IMAGESERVICE_VOLUME_THRESHOLD: '10000',
      },
    });
    accounts = landscape.url('accountservice');
    quotes = landscape.url('quotes-service');
    images = landscape.url('imageservice');
  });
  afterAll(async () => {
    await landscape?.stop();
    auth.remove();
    await withChannel(async (channel) => {
      for (const queue of [exchanges.queue, `${exchanges.queue}.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [exchanges.vip, `${exchanges.vip}.dlx`, exchanges.bus, exchanges.discovery])
        await channel.deleteExchange(exchange);
    });
  });

  it('[breaker-fallback] answers 200 with the fallback quote while quotes-service is stopped, and the real one once it is back', async () => {
    await landscape.scale('quotes-service', 0);
    try {
      const answer = await account();
      expect(answer.quote).toEqual(FALLBACK_QUOTE);
      expect(answer.imageData.servedBy).not.toBe('circuit-breaker'); // imageservice is fine
    } finally {
      await landscape.scale('quotes-service', 1);
    }
    await until('a real quote again', async () =>
      (await account()).quote.ipAddress !== 'circuit-breaker' ? true : undefined,
    );
  });

  it('[breaker-fallback] opens the breaker after the volume threshold: quotes-service receives no further calls; half-open after the reset, closed once it is back', async () => {
    await until('the quotes breaker closed', async () =>
      (await breaker('quotes-service'))?.state === 'closed' ? true : undefined,
    );
    await chaos(quotes, { failureRate: 1 });
    // Whatever happens below, the next tests find quotes-service answering again.
    cleanups.push(() => chaos(quotes, { failureRate: 0 }));
    let reads = 0;
    while ((await breaker('quotes-service'))?.state !== 'open') {
      expect((await account()).quote).toEqual(FALLBACK_QUOTE);
      reads++;
      expect(reads).toBeLessThanOrEqual(VOLUME);
    }
    const before = await served(quotes, '/api/quote');
    // While open, reads are answered by the fallback and never reach quotes-service.
    let whileOpen = 0;
    while ((await breaker('quotes-service'))?.state === 'open' && whileOpen < 10) {
      expect((await account()).quote).toEqual(FALLBACK_QUOTE);
      whileOpen++;
    }
    expect(whileOpen).toBeGreaterThan(0);
    // A read that raced the turn to half-open is the one trial call (its attempts, at most 3).
    expect(await served(quotes, '/api/quote')).toBeLessThanOrEqual(before + 3);

    await chaos(quotes, { failureRate: 0 });
    const seen: Array<string | undefined> = [];
    await until('half-open', async () => {
      seen.push((await breaker('quotes-service'))?.state);
      return seen.at(-1) === 'half-open' ? true : undefined;
    });
    // Open until the reset timeout, then half-open; never closed before a trial call succeeded.
    expect(seen).not.toContain('closed');
    const trial = await account();
    expect(trial.quote.ipAddress).not.toBe('circuit-breaker');
    expect((await breaker('quotes-service'))?.state).toBe('closed');
  });

  it('imageservice slow, more concurrent reads than the capacity: the extra ones get the placeholder at once, no queue', async () => {
    // Slow enough that all five reads are surely in flight together.
    await chaos(images, { latencyMs: 4000 });
    try {
      const before = await served(images, '/accounts/:accountId');
      let answered = 0;
      const reads = await Promise.all(
        Array.from({ length: 5 }, (_, i) => account(String(10010 + i)).then((a) => ({ a, order: answered++ }))),
      );
      const placeholders = reads.filter((r) => r.a.imageData.url === PLACEHOLDER_IMAGE_URL);
      const real = reads.filter((r) => r.a.imageData.url !== PLACEHOLDER_IMAGE_URL);
      expect(placeholders).toHaveLength(5 - CAPACITY);
      expect(real).toHaveLength(CAPACITY);
      // Rejected, not queued: every placeholder answered before any slow image did.
      expect(Math.max(...placeholders.map((r) => r.order))).toBeLessThan(Math.min(...real.map((r) => r.order)));
      // Counted at imageservice: only the calls inside the capacity reached it.
      expect(await served(images, '/accounts/:accountId')).toBe(before + CAPACITY);
    } finally {
      await chaos(images, { latencyMs: 0 });
    }
  });

  it('[retry-policy] keeps upstream calls under failure within the retry bound (attempts and budget)', async () => {
    await chaos(images, { failureRate: 1 });
    try {
      const calls = 30;
      const before = await served(images, '/accounts/:accountId');
      for (let i = 0; i < calls; i++) expect((await account()).imageData.url).toBe(PLACEHOLDER_IMAGE_URL);
      const requests = (await served(images, '/accounts/:accountId')) - before;
      // Retried (more than one request per call), but nowhere near 3 attempts each: the budget
      // (ratio 0.2, reserve 10, at most reserve + 1 saved) caps retries at 0.2 per call plus 11.
      expect(requests).toBeGreaterThan(calls);
      expect(requests).toBeLessThanOrEqual(calls + 0.2 * calls + 11);
    } finally {
      await chaos(images, { failureRate: 0 });
    }
  });

  it('lists both accountservice replicas in the aggregated breaker stream', async () => {
    await landscape.scale('accountservice', 2);
    const stream = landscape.url('breakerstream');
    const view = await until('two accountservice instances in the stream', async () => {
      const latest = await nextStreamEvent(`${stream}/breakers/stream`);
      const instances = latest.instances.filter((i) => i.service === 'accountservice' && i.reachable);
      return instances.length === 2 ? instances : undefined;
    });
    expect(new Set(view.map((i) => i.instance)).size).toBe(2);
    expect(new Set(view.map((i) => i.url)).size).toBe(2);
    for (const instance of view) expect(instance.breakers.map((b) => b.name)).toEqual(expect.any(Array));
  });

  itWhenInstalled('prometheus')(
    '[breaker-fallback] [breaker-metrics] Prometheus scrapes every target (replicas too) and its breaker state matches what the service says',
    async () => {
      // Both replicas make their quotes breaker (on first use): reads on new connections reach each.
      for (let i = 0; i < 6; i++) await account();
      const prometheus = await startLocalPrometheus(landscape, await freePort());
      try {
        const expected = localScrapeTargets(landscape).length;
        expect(expected).toBe(4);
        const targets = await until('every target up', async () => {
          const body = (await (await fetch(`${prometheus.url}/api/v1/targets`)).json()) as {
            data: { activeTargets: Array<{ labels: { service: string }; health: string }> };
          };
          const active = body.data.activeTargets;
          // 4 jobs; accountservice has 2 replicas, each its own target.
          return active.length === 5 && active.every((t) => t.health === 'up') ? active : undefined;
        });
        expect(targets.filter((t) => t.labels.service === 'accountservice')).toHaveLength(2);

        const states = await until('the breaker state in Prometheus', async () => {
          const query = encodeURIComponent(
            'circuit_breaker_state{service="accountservice",breaker="quotes-service"} == 1',
          );
          const body = (await (await fetch(`${prometheus.url}/api/v1/query?query=${query}`)).json()) as {
            data: { result: Array<{ metric: { state: string; instance_id: string } }> };
          };
          return body.data.result.length === 2 ? body.data.result : undefined;
        });
        const said = await breaker('quotes-service');
        for (const result of states) expect(result.metric.state).toBe(said?.state);
      } finally {
        await prometheus.stop();
      }
    },
  );
});

interface StreamView {
  instances: Array<{ service: string; instance: string; url: string; reachable: boolean; breakers: BreakerView[] }>;
}

/** Reads the SSE stream until its second `breakers` event (the first is the view at connect time). */
async function nextStreamEvent(url: string): Promise<StreamView> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let events = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: breakers') && data && ++events === 2) return JSON.parse(data.slice(6)) as StreamView;
      }
    }
  } finally {
    controller.abort();
  }
}
