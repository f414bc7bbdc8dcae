import type { Quote } from '../src/model';
import { type HttpQuoteClientOptions, type QuoteClient, httpQuoteClient } from '../src/quotes/quote-client';
import { type StubQuotesService, startStubQuotesService } from './stub-quotes-service';
import { freePort, pollUntil } from '@workshop/testkit';

// Real HTTP against a stub quotes-service on a free loopback port.
describe('the HTTP quote client', () => {
  let stub: StubQuotesService;
  const logged: string[] = [];
  const clients: { close(): void }[] = [];
  // A generous default: on a busy machine a healthy stub can take longer than 300 ms (the timeout tests pass 300).
  const clientFor = (url: string, timeoutMs = 5000, more: Partial<HttpQuoteClientOptions> = {}) => {
    const client = httpQuoteClient({ baseUrl: url, timeoutMs, log: (message) => logged.push(message), ...more });
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    stub = await startStubQuotesService();
    logged.length = 0;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await stub.close();
  });

  it('asks GET /api/quote?strength=4 and returns the quote', async () => {
    await expect(clientFor(stub.url).getQuote()).resolves.toEqual({
      quote: 'Stubbed.',
      ipAddress: '10.0.0.42',
      language: 'en',
    });
    expect(stub.requests.map((r) => r.url)).toEqual(['/api/quote?strength=4']);
  });

  it('keeps its connection alive: successive calls to one replica share one connection', async () => {
    const client = clientFor(stub.url);
    for (let i = 0; i < 3; i++) await client.getQuote();
    expect(stub.requests).toHaveLength(3);
    expect(stub.connections).toBe(1);
    expect(stub.requests.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive', 'keep-alive']);
  });

  it('refuses a URL it cannot balance, saying why', () => {
    expect(() => clientFor('https://quotes-service:8443')).toThrow(/only http:\/\/ targets/);
  });

  it('[quote-timeout] resolves to no quote when the name does not resolve, and says so', async () => {
    const client = clientFor('http://quotes-service.invalid:8080', 5000, {
      resolve: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND quotes-service.invalid')),
    });
    await expect(client.getQuote()).resolves.toBeUndefined();
    expect(logged.join('\n')).toMatch(/cannot resolve quotes-service.invalid: .*ENOTFOUND/);
  });

  describe('over several replicas', () => {
    let replicas: StubQuotesService[];
    /** What the injected DNS answers: the base URLs of the replicas "alive" now. */
    let answer: string[];
    const resolve = async () => answer;
    const quoted = (quotes: (Quote | undefined)[]) => quotes.map((q) => q?.ipAddress ?? 'none');

    beforeEach(async () => {
      replicas = await Promise.all(
        ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((ip) => startStubQuotesService('quote', ip)),
      );
      answer = replicas.map((r) => r.url);
    });
    afterEach(() => Promise.all(replicas.map((r) => r.close())));

    async function calls(client: QuoteClient, count: number): Promise<(Quote | undefined)[]> {
      const quotes = [];
      for (let i = 0; i < count; i++) quotes.push(await client.getQuote());
      return quotes;
    }

    it('[spread-calls] spreads calls over every replica in turn, each over one kept-alive connection', async () => {
      const quotes = await calls(clientFor('http://quotes-service:8080', 5000, { resolve }), 9);
      expect(quoted(quotes).sort()).toEqual([
        ...Array(3).fill('10.0.0.1'),
        ...Array(3).fill('10.0.0.2'),
        ...Array(3).fill('10.0.0.3'),
      ]);
      expect(replicas.map((r) => r.requests.length)).toEqual([3, 3, 3]);
      expect(replicas.map((r) => r.connections)).toEqual([1, 1, 1]);
    });

    it('[spread-calls] follows the DNS answer: a new replica gets calls, one that left gets none and its connections close', async () => {
      const client = clientFor('http://quotes-service:8080', 5000, { resolve, refreshMs: 0 });
      answer = [replicas[0].url];
      expect(new Set(quoted(await calls(client, 2)))).toEqual(new Set(['10.0.0.1']));
      answer = [replicas[1].url, replicas[2].url];
      expect(new Set(quoted(await calls(client, 4)))).toEqual(new Set(['10.0.0.2', '10.0.0.3']));
      expect(replicas[0].requests).toHaveLength(2);
      await pollUntil(
        'the left replica to see its connection closed',
        () => replicas[0].closedConnections === 1 || undefined,
        {
          timeoutMs: 5000,
          intervalMs: 20,
        },
      );
    });

    it('[spread-calls] loses no call when a replica goes away mid-run: the GET is asked again of another', async () => {
      const client = clientFor('http://quotes-service:8080', 5000, { resolve });
      const first = Array.from({ length: 12 }, () => client.getQuote());
      const going = replicas[1].close(); // cuts its open connections, then refuses new ones
      const quotes = [...(await Promise.all(first)), ...(await calls(client, 6))];
      await going;
      expect(quotes.filter((q) => q === undefined)).toHaveLength(0);
      expect(quoted(quotes.slice(12))).not.toContain('10.0.0.2');
      expect(logged.join('\n')).toMatch(/failed \((ECONNRESET|ECONNREFUSED)\): asking another replica/);
    });

    it('[spread-calls] takes a replica whose connection failed out of the turn: it fails one call, then gets none', async () => {
      await replicas[1].close(); // refuses connections, while the DNS answer still names it
      // No lookup during the run: only the failed connection can take the replica out.
      const quotes = await calls(clientFor('http://quotes-service:8080', 5000, { resolve, refreshMs: 60_000 }), 9);
      expect(quotes.filter((q) => q === undefined)).toHaveLength(0);
      expect(quoted(quotes)).not.toContain('10.0.0.2');
      expect(logged.filter((line) => line.includes('asking another replica'))).toHaveLength(1);
    });
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
