import nock from 'nock';
import {
  BreakerRegistry,
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  FALLBACK_QUOTE,
  RetryBudget,
  eventually,
} from '../../under-test/common';
import { QUOTES_BREAKER, quoteClient } from '../../under-test/accountservice';

// goblog P11 tested its hystrix breaker with gock; we use nock: it intercepts Node's fetch (undici)
// as well as node:http, so accountservice's real quote client runs unchanged, its breaker and retries
// included, while nock plays quotes-service: answering, failing, refusing, or slow. No port is
// opened, nothing leaves the process (disableNetConnect).
const QUOTES = 'http://127.0.0.1:8080';
const QUOTE = { quote: 'Simplicity is prerequisite for reliability.', ipAddress: '10.0.0.7', language: 'en' };

const registries: BreakerRegistry[] = [];
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  registries.splice(0).forEach((r) => r.shutdown());
  nock.abortPendingRequests();
  nock.cleanAll();
});
// nock patches node's own http for the whole jest worker: undo it, or later test files in this
// worker lose their keep-alive connections to nock's pass-through.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

function client(settings: Partial<BreakerSettings>, maxAttempts = 1) {
  const registry = new BreakerRegistry(() => ({ ...DEFAULT_BREAKER_SETTINGS, ...settings }));
  registries.push(registry);
  const fetchQuote = quoteClient({
    baseUrl: QUOTES,
    registry,
    budget: new RetryBudget({ ratio: 1, reserve: 100 }),
    maxAttempts,
    strength: 4,
  });
  return { fetchQuote, breaker: registry.breaker(QUOTES_BREAKER) };
}

/** quotes-service as nock plays it: every call counted, answered by `reply` (status, body). */
function quotesService(reply: () => [number, unknown] | Error) {
  const seen = { calls: 0 };
  nock(QUOTES)
    .get('/api/quote')
    .query({ strength: '4' })
    .reply(function () {
      seen.calls += 1;
      const answer = reply();
      if (answer instanceof Error) throw answer;
      return answer;
    })
    .persist();
  return seen;
}

describe('the quote client and its breaker, with quotes-service mocked by nock', () => {
  it('answers quotes-service’s quote while it answers', async () => {
    const seen = quotesService(() => [200, QUOTE]);
    const { fetchQuote, breaker } = client({});
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    expect(seen.calls).toBe(1);
    expect(breaker.state).toBe('closed');
  });

  it('answers the fallback quote when the connection fails (replyWithError), and retries first', async () => {
    nock(QUOTES)
      .get('/api/quote')
      .query(true)
      .times(2)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const { fetchQuote } = client({}, 2);
    await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(nock.isDone()).toBe(true); // both attempts were made
  });

  it('a 503 then a 200: the retry inside the breaker gets the quote', async () => {
    let n = 0;
    const seen = quotesService(() => (++n === 1 ? [503, { error: 'busy' }] : [200, QUOTE]));
    const { fetchQuote, breaker } = client({}, 3);
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    expect(seen.calls).toBe(2);
    expect(breaker.snapshot().window).toMatchObject({ successes: 1, failures: 0 });
  });

  it('answers the fallback at the breaker’s timeout when quotes-service is slow (nock delay)', async () => {
    nock(QUOTES).get('/api/quote').query(true).delay(10_000).reply(200, QUOTE);
    const { fetchQuote, breaker } = client({ timeoutMs: 150 });
    await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(breaker.snapshot().window.timeouts).toBe(1);
  });

  it('opens after the volume threshold (no further call reaches quotes-service), lets one trial through half-open, and closes when it succeeds', async () => {
    let up = false;
    const seen = quotesService(() => (up ? [200, QUOTE] : [500, { error: 'down' }]));
    const { fetchQuote, breaker } = client({ volumeThreshold: 4, errorThresholdPercentage: 50, resetTimeoutMs: 300 });

    for (let i = 0; i < 4; i++) await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(breaker.state).toBe('open');
    for (let i = 0; i < 5; i++) await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(seen.calls).toBe(4); // open: the fallback answers at once

    await eventually(() => breaker.state === 'half-open', 'the breaker half-open after its reset timeout', 5000);
    up = true;
    await expect(fetchQuote()).resolves.toEqual(QUOTE);
    expect(seen.calls).toBe(5);
    expect(breaker.state).toBe('closed');
  });

  it('a failed trial call in half-open opens the breaker again', async () => {
    const seen = quotesService(() => [500, { error: 'still down' }]);
    const { fetchQuote, breaker } = client({ volumeThreshold: 2, resetTimeoutMs: 200 });
    await fetchQuote();
    await fetchQuote();
    expect(breaker.state).toBe('open');
    await eventually(() => breaker.state === 'half-open', 'half-open', 5000);
    await expect(fetchQuote()).resolves.toEqual(FALLBACK_QUOTE);
    expect(breaker.state).toBe('open');
    expect(seen.calls).toBe(3);
  });
});
