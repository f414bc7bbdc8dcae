import {
  BreakerRegistry,
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  RetryBudget,
  fallbackImage,
} from '../../common/resilience';
import { IMAGE_BREAKER, imageClient } from '../src/clients/image-client';
import { type DependencyServer, startDependencyServer } from '../../common/resilience/test/helpers/dependency-server';

const SETTINGS: BreakerSettings = { ...DEFAULT_BREAKER_SETTINGS, capacity: 2, timeoutMs: 3000, volumeThreshold: 1000 };
const image = (path: string) => ({
  id: path.split('/').pop(),
  url: `http://img.example/${path.split('/').pop()}.png`,
  servedBy: 'img-1',
});

let server: DependencyServer;
let registry: BreakerRegistry;

beforeEach(async () => {
  server = await startDependencyServer(image);
  registry = new BreakerRegistry(() => SETTINGS);
});
afterEach(async () => {
  registry.shutdown();
  await server.close();
});

function client() {
  return imageClient({ baseUrl: server.url, registry, budget: new RetryBudget(), maxAttempts: 1 });
}

/** Starts `n` calls at once; resolves each one's answer and its place in the order the answers came. */
function concurrently(fetchImage: (id: string) => Promise<{ servedBy: string }>, n: number) {
  let answered = 0;
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      fetchImage(String(10000 + i)).then((answer) => ({ answer, order: answered++ })),
    ),
  );
}

describe('the bulkhead (capacity) on the imageservice breaker', () => {
  it('answers the account image through the breaker', async () => {
    await expect(client()('10007')).resolves.toEqual({
      id: '10007',
      url: 'http://img.example/10007.png',
      servedBy: 'img-1',
    });
  });

  it('rejects the calls beyond the capacity at once with the placeholder, without queueing them', async () => {
    server.mode = { kind: 'slow', delayMs: 600 };
    const results = await concurrently(client(), 6);
    const real = results.filter((r) => r.answer.servedBy === 'img-1');
    const rejected = results.filter((r) => r.answer.servedBy === 'circuit-breaker');
    expect(real).toHaveLength(2);
    expect(rejected).toHaveLength(4);
    // The rejected ones did not wait for a slot: every one answered before any slow one did.
    expect(Math.max(...rejected.map((r) => r.order))).toBeLessThan(Math.min(...real.map((r) => r.order)));
    expect(server.received).toBe(2);
    expect(registry.breaker(IMAGE_BREAKER).snapshot().window.semaphoreRejections).toBe(4);
    expect(rejected[0]?.answer).toEqual(fallbackImage('10002'));
  });

  it('[bulkhead] a new capacity applies live: the breaker is replaced and takes the new limit', async () => {
    server.mode = { kind: 'slow', delayMs: 300 };
    const fetchImage = client();
    expect((await concurrently(fetchImage, 4)).filter((r) => r.answer.servedBy === 'img-1')).toHaveLength(2);
    expect(registry.applySettings(IMAGE_BREAKER, { ...SETTINGS, capacity: 4 })).toBe('replaced');
    expect((await concurrently(fetchImage, 4)).filter((r) => r.answer.servedBy === 'img-1')).toHaveLength(4);
    expect(registry.breaker(IMAGE_BREAKER).snapshot().capacity).toBe(4);
  });

  it('[bulkhead] a new timeout applies in place, and a replaced breaker stays open if the old one was', async () => {
    const breaker = registry.breaker(IMAGE_BREAKER);
    expect(registry.applySettings(IMAGE_BREAKER, { ...SETTINGS, timeoutMs: 100 })).toBe('in-place');
    server.mode = { kind: 'hang' };
    // A hung server never answers: only the new 100 ms timeout gives the placeholder.
    await expect(client()('10001')).resolves.toEqual(fallbackImage('10001'));

    expect(
      registry.applySettings(IMAGE_BREAKER, {
        ...SETTINGS,
        timeoutMs: 100,
        volumeThreshold: 1,
        resetTimeoutMs: 60_000,
      }),
    ).toBe('replaced');
    server.mode = { kind: 'fail', status: 500 };
    await client()('10002');
    expect(breaker.state).toBe('open');
    expect(
      registry.applySettings(IMAGE_BREAKER, { ...SETTINGS, capacity: 5, volumeThreshold: 1, resetTimeoutMs: 60_000 }),
    ).toBe('replaced');
    expect(breaker.state).toBe('open');
    const received = server.received;
    await expect(client()('10003')).resolves.toEqual(fallbackImage('10003'));
    expect(server.received).toBe(received);
    expect(
      registry.applySettings(IMAGE_BREAKER, { ...SETTINGS, capacity: 5, volumeThreshold: 1, resetTimeoutMs: 60_000 }),
    ).toBe('unchanged');
  });
});
