import {
  BreakerRegistry,
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  RetryBudget,
  fullJitterDelay,
  getJson,
  isRetryable,
  withRetry,
} from '..';
import { type DependencyServer, startDependencyServer } from './helpers/dependency-server';

const QUOTE = { quote: 'Do or do not.', ipAddress: '10.0.0.7', language: 'en' };
const FALLBACK = { quote: 'fallback', ipAddress: 'circuit-breaker', language: 'en' };

let server: DependencyServer;
const registries: BreakerRegistry[] = [];

beforeEach(async () => {
  server = await startDependencyServer(() => QUOTE);
});
afterEach(async () => {
  registries.splice(0).forEach((r) => r.shutdown());
  await server.close();
});

/** A GET through a breaker with retries inside it, as the quote and image clients make it. */
function retrying(
  overrides: Partial<BreakerSettings>,
  { maxAttempts = 3, budget = new RetryBudget({ ratio: 0.2, reserve: 10 }) } = {},
) {
  const registry = new BreakerRegistry(() => ({ ...DEFAULT_BREAKER_SETTINGS, ...overrides }));
  registries.push(registry);
  const policy = { maxAttempts, baseDelayMs: 50, maxDelayMs: 400, budget, retryable: isRetryable };
  const fetchQuote = () =>
    registry.breaker('dependency').call(
      (signal) => withRetry((s) => getJson<typeof QUOTE>(`${server.url}/api/quote`, s), policy, signal),
      () => FALLBACK,
    );
  return { fetchQuote, registry };
}

describe('full jitter and the retry budget', () => {
  it('waits a random time from 0 up to min(max, base × 2^retry)', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(fullJitterDelay(0, policy, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(400);
    expect(fullJitterDelay(10, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(2, policy, () => 0)).toBe(0);
  });

  it('allows the reserve, then one retry per 1/ratio calls', () => {
    const budget = new RetryBudget({ ratio: 0.5, reserve: 1 });
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.tryWithdraw()).toBe(false);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(false);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(true);
    expect(() => new RetryBudget({ ratio: 2, reserve: 1 })).toThrow(/ratio/);
  });
});

describe('retries', () => {
  it('[retry-policy] retries a failing idempotent call up to maxAttempts, then falls back', async () => {
    const { fetchQuote } = retrying({ volumeThreshold: 1000, timeoutMs: 3000 }, { maxAttempts: 3 });
    server.mode = { kind: 'fail', status: 503 };
    await expect(fetchQuote()).resolves.toEqual(FALLBACK);
    expect(server.received).toBe(3);
  });

  it('[retry-policy] a retry that succeeds answers the real quote', async () => {
    const { fetchQuote } = retrying({ timeoutMs: 3000 }, { maxAttempts: 3 });
    server.mode = { kind: 'fail-times', times: 1, status: 502 };
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    expect(server.received).toBe(2);
  });

  it('[retry-policy] does not retry a 4xx answer (our mistake stays one)', async () => {
    const { fetchQuote } = retrying({ volumeThreshold: 1000 }, { maxAttempts: 3 });
    server.mode = { kind: 'fail', status: 400 };
    await expect(fetchQuote()).resolves.toEqual(FALLBACK);
    expect(server.received).toBe(1);
  });

  it('[retry-policy] under lasting failure the retry budget bounds the load: calls + reserve + ratio × calls', async () => {
    const budget = new RetryBudget({ ratio: 0.2, reserve: 2 });
    const { fetchQuote } = retrying({ volumeThreshold: 1000, timeoutMs: 3000 }, { maxAttempts: 3, budget });
    server.mode = { kind: 'fail', status: 500 };
    const calls = 30;
    for (let i = 0; i < calls; i++) await fetchQuote();
    // Without the budget: 3 × 30 = 90 requests. With it: at most 30 + 2 + 0.2 × 30 = 38.
    expect(server.received).toBeLessThanOrEqual(calls + 2 + 0.2 * calls);
    expect(server.received).toBeGreaterThan(calls);
  });

  it('[retry-policy] stops retrying when the breaker times the call out', async () => {
    // A budget that never runs out and 50 attempts: only the breaker's timeout can end the call.
    const budget = new RetryBudget({ ratio: 1, reserve: 1000 });
    const { fetchQuote } = retrying({ volumeThreshold: 1000, timeoutMs: 1000 }, { maxAttempts: 50, budget });
    server.mode = { kind: 'fail', status: 500 };
    await expect(fetchQuote()).resolves.toEqual(FALLBACK);
    // An attempt written just before the abort may still arrive: let it land, then count.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settled = server.received;
    // Retried, but the 50 attempts were never used up: the breaker's timeout ended the call.
    expect(settled).toBeGreaterThanOrEqual(2);
    expect(settled).toBeLessThan(50);
    // And none after the timeout: the abort also ended the backoff wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.received).toBe(settled);
  });
});
