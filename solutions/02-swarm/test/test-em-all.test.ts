import http from 'node:http';
import path from 'node:path';
import { type Landscape, expectStatus, startLandscape } from '@workshop/testkit';
import { type StubQuotesService, startStubQuotesService } from '../accountservice/test/stub-quotes-service';

// Starts this chapter's landscape through the same runner as `npm run chapter:2`, on free ports,
// from whichever tree this file sits in (solutions/ or your chapters/), with quotes-service as
// two replicas behind one port (`--replicas quotes-service=2`).
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(90_000);

interface AccountBody {
  id: string;
  name: string;
  servedBy: string;
  quote?: { quote: string; ipAddress: string; language: string };
}

/** One GET on its own TCP connection (like one curl), so a round-robin balancer picks anew each time. */
function getOnNewConnection(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 10_000 }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('chapter 2 end to end (test-em-all)', () => {
  let landscape: Landscape;
  let accounts: string;
  let quotes: string;

  beforeAll(async () => {
    landscape = await startLandscape({ dir: chapterDir, ports: 'free', replicas: { 'quotes-service': 2 } });
    accounts = landscape.url('accountservice');
    quotes = landscape.url('quotes-service');
  });
  afterAll(async () => {
    await landscape?.stop();
  });

  it('has both services healthy', async () => {
    expect((await expectStatus('GET', `${accounts}/health`, 200)).body).toEqual({ status: 'UP' });
    expect((await expectStatus('GET', `${quotes}/health`, 200)).body).toEqual({ status: 'UP' });
  });

  it('serves an account with a quote from quotes-service', async () => {
    const { body } = await expectStatus('GET', `${accounts}/accounts/10000`, 200);
    expect(body).toMatchObject({ id: '10000', name: 'Person_0', quote: { language: 'en' } });
    const { quote } = body as AccountBody;
    expect(quote?.quote.length).toBeGreaterThan(10);
    expect(quote?.ipAddress).toMatch(/#[12]$/);
  });

  it('balances connections to quotes-service over its replicas, round robin', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const { status, body } = await getOnNewConnection(`${quotes}/api/quote?strength=0`);
      expect(status).toBe(200);
      seen.add((JSON.parse(body) as { ipAddress: string }).ipAddress);
    }
    expect(seen.size).toBe(2);
  });

  it('spreads the quotes of accounts asked at once over the replicas, over kept-alive connections', async () => {
    // Locally the replicas share one port, so accountservice sees one address: its connections,
    // opened as calls overlap and then kept alive, are what the round-robin primary spreads.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => expectStatus('GET', `${accounts}/accounts/1000${i}`, 200)),
    );
    const seen = new Set(answers.map(({ body }) => (body as AccountBody).quote?.ipAddress));
    expect([...seen].filter(Boolean)).toHaveLength(2);
  });

  it('answers 400 to a strength that would burn too much CPU', async () => {
    const { body } = await expectStatus('GET', `${quotes}/api/quote?strength=1000000`, 400);
    expect(body).toMatchObject({ error: { code: 'INVALID_STRENGTH' } });
  });

  it('keeps the 404 and 400 answers of chapter 1', async () => {
    await expectStatus('GET', `${accounts}/accounts/10100`, 404);
    await expectStatus('GET', `${accounts}/accounts/abc`, 400);
  });

  it('stops every service and replica cleanly with exit code 0 on SIGTERM', async () => {
    await expect(landscape.stop()).resolves.toEqual({ accountservice: 0, 'quotes-service': 0 });
  });
});

describe('chapter 2 when quotes-service hangs', () => {
  let landscape: Landscape | undefined;
  let stub: StubQuotesService;

  beforeAll(async () => {
    stub = await startStubQuotesService('hang');
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      env: { QUOTES_SERVICE_URL: stub.url, QUOTES_TIMEOUT_MS: '300' },
    });
  });
  afterAll(async () => {
    await landscape?.stop();
    await stub.close();
  });

  it('[quote-timeout] still serves the account, without a quote, soon after the timeout', async () => {
    const started = Date.now();
    const { body } = await expectStatus('GET', `${landscape?.url('accountservice')}/accounts/10001`, 200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(body).toEqual({ id: '10001', name: 'Person_1', servedBy: expect.any(String) });
    expect(stub.requests.length).toBeGreaterThanOrEqual(1);
  });
});

describe('chapter 2 with bad configuration', () => {
  it('refuses to start and names the bad key', async () => {
    const attempt = startLandscape({ dir: chapterDir, ports: 'free', env: { QUOTES_TIMEOUT_MS: 'soon' } });
    await expect(attempt).rejects.toThrow(/accountservice exited \(code 1\)[\s\S]*QUOTES_TIMEOUT_MS="soon"/);
  });
});
