import {
  BreakerRegistry,
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  FALLBACK_QUOTE,
  RetryBudget,
} from '../../common/resilience';
import { QUOTES_BREAKER, quoteClient } from '../src/clients/quote-client';
import {
  type DependencyServer,
  startDependencyServer,
  until,
} from '../../common/resilience/test/helpers/dependency-server';

const QUOTE = { quote: 'Do or do not.', ipAddress: '10.0.0.7', language: 'en' };

function setup(overrides: Partial<BreakerSettings>, opts: { maxAttempts?: number; budget?: RetryBudget } = {}) {
  const registry = new BreakerRegistry(() => ({ ...DEFAULT_BREAKER_SETTINGS, ...overrides }));
  registries.push(registry);
  const budget = opts.budget ?? new RetryBudget({ ratio: 0.2, reserve: 10 });
  const fetchQuote = quoteClient({ baseUrl: server.url, registry, budget, maxAttempts: opts.maxAttempts ?? 1 });
  return { registry, fetchQuote, budget };
}

let server: DependencyServer;
const registries: BreakerRegistry[] = [];

beforeEach(async () => {
  server = await startDependencyServer(() => QUOTE);
});
afterEach(async () => {
  registries.splice(0).forEach((r) => r.shutdown());
  await server.close();
});

describe('the quote client behind its breaker', () => {
  it('[breaker-fallback] answers the real quote while quotes-service is up, through one breaker', async () => {
    const { fetchQuote, registry } = setup({});
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    expect(server.received).toBe(2);
    expect(registry.snapshot().map((b) => [b.name, b.window.successes])).toEqual([[QUOTES_BREAKER, 2]]);
  });

  it('[breaker-fallback] answers the fallback quote when quotes-service is down', async () => {
    const { fetchQuote } = setup({ timeoutMs: 3000 });
    await server.close();
    await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
  });

  it('[breaker-fallback] answers the fallback within the timeout when quotes-service hangs, and aborts the request', async () => {
    const { fetchQuote } = setup({ timeoutMs: 200 });
    server.mode = { kind: 'hang' };
    // A hung server never answers: the fallback can only come from the breaker's timeout.
    await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    // The timeout aborted the HTTP request itself: the server sees its client leave.
    await until(() => server.aborted === 1, 'the hung request to be aborted');
  });

  it('[breaker-fallback] opens after the volume threshold: quotes-service receives no further calls; half-open after the reset timeout, closed once it is back', async () => {
    const { fetchQuote, registry } = setup({ volumeThreshold: 4, errorThresholdPercentage: 50, resetTimeoutMs: 300 });
    const breaker = registry.breaker(QUOTES_BREAKER);
    server.mode = { kind: 'fail', status: 500 };
    for (let i = 0; i < 4; i++) await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(breaker.state).toBe('open');
    expect(server.received).toBe(4);
    for (let i = 0; i < 10; i++) await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(server.received).toBe(4); // open: answered by the fallback, nothing reached the server
    expect(breaker.snapshot().window.rejects).toBe(10);

    await until(() => breaker.state === 'half-open', 'the breaker to turn half-open', 2000);
    server.mode = { kind: 'up' };
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    expect(breaker.state).toBe('closed');
    expect(server.received).toBe(5);
  });

  it('[breaker-fallback] a failed trial call in half-open opens the breaker again', async () => {
    const { fetchQuote, registry } = setup({ volumeThreshold: 2, resetTimeoutMs: 200 });
    const breaker = registry.breaker(QUOTES_BREAKER);
    server.mode = { kind: 'fail', status: 503 };
    await fetchQuote();
    await fetchQuote();
    await until(() => breaker.state === 'half-open', 'half-open', 2000);
    await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(breaker.state).toBe('open');
    expect(server.received).toBe(3);
  });
});
