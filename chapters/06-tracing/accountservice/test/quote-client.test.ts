import { httpQuoteClient } from '../src/quotes/quote-client';
import { type StubQuotesService, startStubQuotesService } from './stub-quotes-service';
import { freePort } from '@workshop/testkit';

// Real HTTP against a stub quotes-service on a free loopback port.
describe('the HTTP quote client', () => {
  let stub: StubQuotesService;
  const logged: string[] = [];
  // A generous default: on a busy machine a healthy stub can take longer than 300 ms (the timeout tests pass 300).
  const clientFor = (url: string, timeoutMs = 5000) =>
    httpQuoteClient({ baseUrl: url, timeoutMs, log: (message) => logged.push(message) });

  beforeEach(async () => {
    stub = await startStubQuotesService();
    logged.length = 0;
  });
  afterEach(() => stub.close());

  it('asks GET /api/quote?strength=4 and returns the quote', async () => {
    await expect(clientFor(stub.url).getQuote()).resolves.toEqual({
      quote: 'Stubbed.',
      ipAddress: '10.0.0.42',
      language: 'en',
    });
    expect(stub.requests.map((r) => r.url)).toEqual(['/api/quote?strength=4']);
  });

  it('[no-keep-alive] opens a new connection for every call, so a load balancer can spread them', async () => {
    const client = clientFor(stub.url);
    for (let i = 0; i < 3; i++) await client.getQuote();
    expect(stub.requests).toHaveLength(3);
    expect(stub.connections).toBe(3);
    expect(stub.requests.map((r) => r.headers.connection)).toEqual(['close', 'close', 'close']);
  });

  /** Resolves to what getQuote gave and how long it took; fails the test rather than hanging it. */
  async function timed(client: ReturnType<typeof clientFor>) {
    const started = Date.now();
    const guard = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 2000).unref());
    const result = await Promise.race([client.getQuote().catch((err: Error) => `rejected: ${err.message}`), guard]);
    return { result, ms: Date.now() - started };
  }

  it('[quote-timeout] gives up on a quotes-service that never answers, with no quote, in time', async () => {
    stub.behaviour = 'hang';
    const { result, ms } = await timed(clientFor(stub.url, 300));
    expect(result).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1500);
    expect(logged.join('\n')).toMatch(/no answer within 300 ms/);
  });

  it('[quote-timeout] gives up on an answer that starts but never finishes', async () => {
    stub.behaviour = 'slow-body';
    const { result, ms } = await timed(clientFor(stub.url, 300));
    expect(result).toBeUndefined();
    expect(ms).toBeLessThan(1500);
  });

  it.each([
    ['an HTTP 500', 'error', /HTTP 500/],
    ['a body that is not a quote', 'not-a-quote', /not a quote/],
  ] as const)('[quote-timeout] resolves to no quote on %s, and says why', async (_label, behaviour, reason) => {
    stub.behaviour = behaviour;
    const { result } = await timed(clientFor(stub.url));
    expect(result).toBeUndefined();
    expect(logged.join('\n')).toMatch(reason);
  });

  it('[quote-timeout] resolves to no quote when nothing listens there', async () => {
    const { result } = await timed(clientFor(`http://127.0.0.1:${await freePort()}`));
    expect(result).toBeUndefined();
    expect(logged.join('\n')).toMatch(/ECONNREFUSED/);
  });
});
