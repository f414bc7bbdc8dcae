import http from 'node:http';
import path from 'node:path';
import { type Landscape, pollUntil, startLandscape } from '@workshop/testkit';
import { uniqueName, withChannel } from '../common/messaging/test/helpers/broker';
import { copyRepo } from '../configserver/test/repo-copy';
import { CONFIG_REPO } from './local-configserver';
import { landscapeAuth } from './landscape-auth';

// Chapter 06's tracing, in chapter 07's landscape on real processes (the instrumentations only see
// modules a real process loads): the same runner as `npm run chapter:7` (free ports, the real RabbitMQ), each
// traced service started with common/tracing/register.ts preloaded, its spans read back from the
// embedded Zipkin's v2 API and its log lines from logtail.
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(120_000);

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  annotations?: { value: string }[];
  tags?: Record<string, string>;
}

interface LogLine {
  service: string;
  msg: string;
  reqId?: string;
  traceId?: string;
  traceUrl?: string;
}

/** A GET with the headers given as they are: the status. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers, agent: false, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

const hex = (digits: number) =>
  Array.from({ length: digits }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const serviceOf = (span: ZipkinSpan) => span.localEndpoint?.serviceName;
// A wait, not a bound: generous, since a busy machine (or several starters judged at once) delays the spans.
const WAIT = { timeoutMs: 45_000, intervalMs: 100 };
// Spans leave every 100 ms here, so a trace that gains no span for this long will not be completed:
// give up then rather than at WAIT's end (a learner whose exporter sends nothing hears it in 15 s).
const NO_NEW_SPAN_MS = 15_000;

describe('tracing end to end (chapter 06): one trace across HTTP and AMQP, in Zipkin and in the logs (real RabbitMQ)', () => {
  const name = uniqueName('ch07t');
  const names = { exchange: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus` };
  const output: string[] = [];
  let landscape: Landscape;
  let repo: ReturnType<typeof copyRepo>;
  let accounts: string;

  /** The spans Zipkin has for a trace once `enough` holds (polled). */
  function trace(traceId: string, enough: (spans: ZipkinSpan[]) => boolean) {
    let seen = 0;
    let lastNewSpan = Date.now();
    return pollUntil(
      `Zipkin's spans for trace ${traceId}`,
      async () => {
        const res = await fetch(`${landscape.url('zipkin')}/api/v2/trace/${traceId}`);
        const spans = res.status === 200 ? ((await res.json()) as ZipkinSpan[]) : [];
        if (enough(spans)) return spans;
        if (spans.length > seen) [seen, lastNewSpan] = [spans.length, Date.now()];
        if (Date.now() - lastNewSpan > NO_NEW_SPAN_MS) {
          const from = [...new Set(spans.map(serviceOf))].join(', ') || 'no service';
          throw new Error(
            `Trace ${traceId} gained no span for ${NO_NEW_SPAN_MS / 1000} s: ${seen} span(s), from ${from}`,
          );
        }
        return undefined;
      },
      WAIT,
    );
  }

  /** logtail's lines for a request id once every one of `services` has written one (polled). */
  function linesOf(reqId: string, services: string[]) {
    return pollUntil(
      `logtail's lines for ${reqId}`,
      async () => {
        const res = await fetch(`${landscape.url('logtail')}/logs?limit=1000&reqId=${encodeURIComponent(reqId)}`);
        const { lines } = (await res.json()) as { lines: LogLine[] };
        return services.every((s) => lines.some((l) => l.service === s)) ? lines : undefined;
      },
      WAIT,
    );
  }

  const everyService = ['accountservice', 'quotes-service', 'vipservice'];
  const fromAll = (spans: ZipkinSpan[]) => everyService.every((s) => spans.some((span) => serviceOf(span) === s));

  // Chapter 08: /accounts wants an access token (from the landscape's authserver).
  const auth = landscapeAuth();
  const getAccount = async (id: string, headers: Record<string, string> = {}) =>
    get(`${accounts}/accounts/${id}`, { ...(await auth.header(landscape)), ...headers });

  beforeAll(async () => {
    repo = copyRepo(CONFIG_REPO);
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      env: {
        ...auth.env,
        CONFIG_REPO_DIR: repo.dir,
        VIP_EXCHANGE: names.exchange,
        VIP_QUEUE: names.queue,
        SPRING_CLOUD_BUS_DESTINATION: names.bus,
        // Spans leave in batches every 100 ms instead of every second.
        TRACING_EXPORT_DELAY_MS: '100',
        // These tests follow the quote call, not the breaker: on a busy machine a slow first quote
        // must not turn into the fallback (no call to follow) at the dev timeout of 1 s.
        BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: '20000',
      },
      onOutput: (service, _index, line) => output.push(`${service} ${line}`),
    });
    accounts = landscape.url('accountservice');
  });
  afterAll(async () => {
    await landscape?.stop();
    repo?.remove();
    auth.remove();
    await withChannel(async (channel) => {
      for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [names.exchange, `${names.exchange}.dlx`, names.bus])
        await channel.deleteExchange(exchange);
    });
  });

  it('[exporter-from-config] [manual-span] [amqp-propagation] [gelf-lift] follows one GET /accounts/10000 through the three services in one trace, and its log lines carry it', async () => {
    expect(await getAccount('10000', { 'X-Request-ID': 'one-trace' })).toBe(200);
    const lines = await linesOf('one-trace', everyService);
    const traceIds = new Set(lines.map((l) => l.traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = traceIds as Set<string>;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0].traceUrl).toBe(`${landscape.url('zipkin')}/zipkin/#${traceId}`);

    // Each service sends its spans in batches as they end: wait for every span checked below.
    const quotesPort = new URL(landscape.url('quotes-service')).port;
    const isQuoteCall = (s: ZipkinSpan) =>
      serviceOf(s) === 'accountservice' && s.kind === 'CLIENT' && s.tags?.['server.port'] === quotesPort;
    const checked: ((s: ZipkinSpan) => boolean)[] = [
      isQuoteCall,
      (s) => serviceOf(s) === 'accountservice' && s.kind === 'SERVER',
      (s) => serviceOf(s) === 'accountservice' && s.kind === 'PRODUCER',
      (s) => serviceOf(s) === 'quotes-service' && s.kind === 'SERVER',
      (s) => serviceOf(s) === 'quotes-service' && s.name === 'quote.burn-cpu',
      (s) => serviceOf(s) === 'vipservice' && s.kind === 'CONSUMER',
      (s) => s.name === 'accounts.find',
    ];
    const spans = await trace(traceId, (found) => checked.every((is) => found.some(is)));
    const accountClient = spans.find(isQuoteCall);
    const quotesServer = spans.find((s) => serviceOf(s) === 'quotes-service' && s.kind === 'SERVER');
    expect(accountClient).toBeDefined();
    expect(quotesServer?.parentId).toBe(accountClient?.id);
    expect(spans.find((s) => serviceOf(s) === 'quotes-service' && s.name === 'quote.burn-cpu')).toMatchObject({
      parentId: expect.any(String),
      tags: expect.objectContaining({ 'quote.strength': '4' }),
    });

    const publish = spans.find((s) => serviceOf(s) === 'accountservice' && s.kind === 'PRODUCER');
    const consume = spans.find((s) => serviceOf(s) === 'vipservice' && s.kind === 'CONSUMER');
    expect(publish).toBeDefined();
    expect(consume?.parentId).toBe(publish?.id);

    const store = spans.find((s) => s.name === 'accounts.find');
    expect(store).toMatchObject({
      localEndpoint: { serviceName: 'accountservice' },
      tags: expect.objectContaining({
        'db.system': 'sqlite',
        'db.statement': 'SELECT id, name FROM accounts WHERE id = ?',
      }),
    });
    const accountServer = spans.find((s) => serviceOf(s) === 'accountservice' && s.kind === 'SERVER');
    expect(accountServer?.parentId).toBeUndefined();
    // Zipkin's page opens the trace from its address; the search finds it by service.
    const res = await fetch(`${landscape.url('zipkin')}/api/v2/traces?serviceName=quotes-service&limit=100`);
    expect(((await res.json()) as ZipkinSpan[][]).some((t) => t[0]?.traceId === traceId)).toBe(true);
  });

  it.each([
    ['traceparent (W3C)', (t: string, s: string) => ({ traceparent: `00-${t}-${s}-01` })],
    [
      'X-B3-TraceId (Spring Cloud Sleuth, Zuul)',
      (t: string, s: string) => ({ 'X-B3-TraceId': t, 'X-B3-SpanId': s, 'X-B3-Sampled': '1' }),
    ],
    ['b3 (single header)', (t: string, s: string) => ({ b3: `${t}-${s}-1` })],
  ])('[exporter-from-config] [composite-propagator] continues a trace that arrives as %s', async (_what, headers) => {
    const traceId = hex(32);
    const callerSpan = hex(16);
    expect(await getAccount('10000', headers(traceId, callerSpan))).toBe(200);
    // accountservice's SERVER span ends last: wait for it, not only for the call it made.
    const isServer = (s: ZipkinSpan) => serviceOf(s) === 'accountservice' && s.kind === 'SERVER';
    const spans = await trace(
      traceId,
      (found) => found.some((s) => serviceOf(s) === 'quotes-service') && found.some(isServer),
    );
    expect(spans.find(isServer)?.parentId).toBe(callerSpan);
  });

  it('[exporter-from-config] [amqp-propagation] [gelf-lift] [refresh-diff] [precedence-merge] keeps no new trace at sampling ratio 0 (changed live over the bus), and keeps them again at 1', async () => {
    const setRatio = async (ratio: number) => {
      const changed = () =>
        output.filter((l) => l.includes(`tracing: sampling ratio changed: `) && l.includes(`→ ${ratio}`));
      const before = changed().length;
      repo.write('application-dev.yml', `amqp:\n  url: amqp://127.0.0.1:5672\ntracing:\n  sampling-ratio: ${ratio}\n`);
      const res = await fetch(`${landscape.url('configserver')}/actuator/busrefresh`, { method: 'POST' });
      expect(res.status).toBe(204);
      await pollUntil(
        'the three services to apply the ratio',
        () => (changed().length >= before + 3 ? true : undefined),
        WAIT,
      );
    };
    const pids = landscape.services.map((s) => s.process.pid);
    await setRatio(0);
    // Back to 1 even when a check fails, so the tests after this one are not left unsampled.
    try {
      expect(await getAccount('10000', { 'X-Request-ID': 'unsampled' })).toBe(200);
      const [unsampled] = (await linesOf('unsampled', everyService)).map((l) => l.traceId);
      expect(unsampled).toMatch(/^[0-9a-f]{32}$/);

      // A caller's decision is kept whatever the ratio: a sampled request after the unsampled one. Each
      // service sends its spans in order, so once this trace is complete, the other would be there too.
      const marker = hex(32);
      expect(await getAccount('10000', { traceparent: `00-${marker}-${hex(16)}-01` })).toBe(200);
      await trace(marker, (found) => fromAll(found) && found.some((s) => s.kind === 'CONSUMER'));
      expect((await fetch(`${landscape.url('zipkin')}/api/v2/trace/${unsampled}`)).status).toBe(404);
    } finally {
      await setRatio(1);
    }
    expect(await getAccount('10000', { 'X-Request-ID': 'sampled-again' })).toBe(200);
    const [again] = (await linesOf('sampled-again', everyService)).map((l) => l.traceId);
    await trace(again as string, fromAll);
    expect(landscape.services.map((s) => s.process.pid)).toEqual(pids);
  });

  // Last: it stops the trace store.
  it('[exporter-from-config] answers every request while Zipkin is down, and each service warns that it drops spans', async () => {
    const zipkin = landscape.services.find((s) => s.spec.name === 'zipkin');
    const exited = new Promise((resolve) => zipkin?.process.once('exit', resolve));
    zipkin?.process.kill('SIGTERM');
    await exited;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await getAccount('10000'));
    expect(statuses).toEqual(Array(20).fill(200));
    await pollUntil(
      'a warning from each traced service',
      () =>
        everyService.every((s) => output.some((l) => l.startsWith(`${s} `) && l.includes('tracing: cannot send spans')))
          ? true
          : undefined,
      // The first batch after Zipkin stopped fails at once (connection refused), 100 ms after the requests.
      { timeoutMs: NO_NEW_SPAN_MS, intervalMs: 100 },
    );
  });
});
