import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { type Landscape, pollUntil, startLandscape } from '@workshop/testkit';
import { FALLBACK_QUOTE } from '../common/resilience';
import { uniqueName, withChannel } from '../common/messaging/test/helpers/broker';
import { landscapeAuth } from './landscape-auth';
import { httpsGet } from './security-landscape';

// Chapter 09: ONE request as a client sends it, through the edge over HTTPS with an access token
// from the landscape's authserver, followed into everything the earlier chapters built: the log lines
// it left in logtail (chapter 05), its trace in Zipkin with each span's parent (chapter 06), and the
// breaker that answers for quotes-service once quotes-service is stopped mid-run (chapter 07).
// The whole landscape runs as `npm run chapter:9` starts it (free ports, the real RabbitMQ).
// Nothing is timed: every wait polls until what it waits for is there, up to a generous deadline.
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(180_000);

/** Failed quote calls before the breaker may open (the dev config says 10). */
const VOLUME = 4;
// A wait, not a bound: generous, since a busy machine delays spans and log lines.
const WAIT = { timeoutMs: 45_000, intervalMs: 100 };

interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

interface LogLine {
  service: string;
  msg: string;
  reqId?: string;
  traceId?: string;
}

interface Account {
  id: string;
  quote: { quote: string; ipAddress: string; language: string };
  imageData: { servedBy: string };
}

interface BreakerView {
  name: string;
  state: string;
}

const serviceOf = (span: ZipkinSpan) => span.localEndpoint?.serviceName;
const is = (service: string, kind: ZipkinSpan['kind']) => (span: ZipkinSpan) =>
  serviceOf(span) === service && span.kind === kind;

describe('chapter 9: one request through the edge with a token, followed in the logs, the trace and the breakers', () => {
  const name = uniqueName('ch09e');
  const names = { exchange: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus`, discovery: `${name}.disc` };
  const auth = landscapeAuth();
  let landscape: Landscape;

  /** GET through the edge over HTTPS, trusting only the edge's own certificate, with a fresh token. */
  const throughEdge = async (pathname: string, headers: Record<string, string> = {}) =>
    httpsGet(landscape.url('edge'), auth.tlsDir, pathname, { ...(await auth.header(landscape)), ...headers });

  const breaker = async (which: string) => {
    const res = await fetch(`${landscape.url('accountservice')}/breakers`);
    return ((await res.json()) as { breakers: BreakerView[] }).breakers.find((b) => b.name === which);
  };

  beforeAll(async () => {
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      env: {
        ...auth.env,
        VIP_EXCHANGE: names.exchange,
        VIP_QUEUE: names.queue,
        SPRING_CLOUD_BUS_DESTINATION: names.bus,
        DISCOVERY_EXCHANGE: names.discovery,
        // Spans leave in batches every 100 ms instead of every second.
        TRACING_EXPORT_DELAY_MS: '100',
        // The first request follows the real quote call: on a busy machine a slow first quote must not
        // turn into the fallback at the dev timeout of 1 s.
        BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: '20000',
        BREAKERS_IMAGESERVICE_TIMEOUT_MS: '20000',
        // Once quotes-service is stopped the breaker opens after a few calls and stays open while
        // the test looks at it (the dev profile half-opens after 2 s).
        BREAKERS_QUOTES_SERVICE_VOLUME_THRESHOLD: String(VOLUME),
        BREAKERS_QUOTES_SERVICE_RESET_TIMEOUT_MS: '600000',
      },
    });
  });
  afterAll(async () => {
    await landscape?.stop();
    auth.remove();
    await withChannel(async (channel) => {
      for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [names.exchange, `${names.exchange}.dlx`, names.bus, names.discovery])
        await channel.deleteExchange(exchange);
    });
  });

  let requestId: string;
  let traceId: string;

  it('answers GET /api/accounts/10000 (a VIP) through the edge to a token, with the real quote and image', async () => {
    requestId = `e2e-${randomUUID()}`;
    const reply = await throughEdge('/api/accounts/10000', { 'X-Request-ID': requestId });
    expect(reply.status).toBe(200);
    // The edge kept the request id (it looks like one) and says it back.
    expect(reply.headers['x-request-id']).toBe(requestId);
    const account = reply.json() as unknown as Account;
    expect(account).toMatchObject({ id: '10000', name: 'Person_0' });
    // Both dependencies answered: neither is the breaker's fallback.
    expect(account.quote.ipAddress).not.toBe('circuit-breaker');
    expect(account.imageData.servedBy).not.toBe('circuit-breaker');
  });

  it('left lines with its request id in logtail from every service that logs requests, all in one trace (chapter 05)', async () => {
    // The services that log per request (pino, chapter 05). The edge and imageservice write no line
    // per request (only their start-up lines): the edge's part is keeping the id, and imageservice's
    // part of the request shows in the trace below.
    const services = ['accountservice', 'quotes-service', 'vipservice'];
    let seen: string[] = [];
    const lines = await pollUntil(
      () => `logtail's lines for ${requestId} from ${services.join(', ')} (seen: ${seen.join(', ') || 'none'})`,
      async () => {
        const res = await fetch(`${landscape.url('logtail')}/logs?limit=1000&reqId=${encodeURIComponent(requestId)}`);
        const { lines: found } = (await res.json()) as { lines: LogLine[] };
        seen = [...new Set(found.map((l) => l.service))];
        return services.every((s) => found.some((l) => l.service === s)) ? found : undefined;
      },
      WAIT,
    );
    expect(lines.every((l) => l.reqId === requestId)).toBe(true);
    expect(lines.find((l) => l.service === 'vipservice')?.msg).toMatch(/VIP account 10000 was read/);
    const traceIds = new Set(lines.map((l) => l.traceId));
    expect(traceIds.size).toBe(1);
    [traceId] = [...traceIds] as string[];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('has one trace in Zipkin whose spans name their parents: HTTP to quotes-service and imageservice, AMQP to vipservice (chapter 06)', async () => {
    expect(traceId).toBeDefined();
    // Each service sends its spans in batches as they end: wait for every span checked below.
    const checked = [
      is('accountservice', 'SERVER'),
      is('quotes-service', 'SERVER'),
      is('imageservice', 'SERVER'),
      is('accountservice', 'PRODUCER'),
      is('vipservice', 'CONSUMER'),
      (s: ZipkinSpan) => serviceOf(s) === 'quotes-service' && s.name === 'quote.burn-cpu',
    ];
    const spans = await pollUntil(
      `Zipkin's spans for trace ${traceId}`,
      async () => {
        const res = await fetch(`${landscape.url('zipkin')}/api/v2/trace/${traceId}`);
        if (res.status !== 200) return undefined;
        const found = (await res.json()) as ZipkinSpan[];
        // The CLIENT spans the servers' parents name must be there too.
        const parentsThere = found
          .filter((s) => is('quotes-service', 'SERVER')(s) || is('imageservice', 'SERVER')(s))
          .every((s) => found.some((p) => p.id === s.parentId));
        return checked.every((check) => found.some(check)) && parentsThere ? found : undefined;
      },
      WAIT,
    );
    const byId = new Map(spans.map((s) => [s.id, s]));
    const parentOf = (span: ZipkinSpan | undefined) => (span?.parentId ? byId.get(span.parentId) : undefined);
    const ancestors = (span: ZipkinSpan | undefined) => {
      const chain: ZipkinSpan[] = [];
      for (let p = parentOf(span); p; p = parentOf(p)) chain.push(p);
      return chain;
    };

    // The edge sends no spans: accountservice's SERVER span is the trace's root.
    expect(spans.some((s) => serviceOf(s) === 'edge')).toBe(false);
    const accountServer = spans.find(is('accountservice', 'SERVER')) as ZipkinSpan;
    expect(accountServer.parentId).toBeUndefined();
    expect(accountServer.tags?.['http.target'] ?? accountServer.tags?.['url.path']).toMatch(/^\/accounts\/10000/);

    // accountservice SERVER → … → accountservice CLIENT → quotes-service SERVER → quote.burn-cpu
    const quotesServer = spans.find(is('quotes-service', 'SERVER'));
    const quoteCall = parentOf(quotesServer);
    expect(quoteCall).toMatchObject({ kind: 'CLIENT', localEndpoint: { serviceName: 'accountservice' } });
    expect(ancestors(quoteCall)).toContain(accountServer);
    const burn = spans.find((s) => serviceOf(s) === 'quotes-service' && s.name === 'quote.burn-cpu');
    expect(ancestors(burn)).toContain(quotesServer);

    // accountservice SERVER → … → accountservice CLIENT → imageservice SERVER
    const imageCall = parentOf(spans.find(is('imageservice', 'SERVER')));
    expect(imageCall).toMatchObject({ kind: 'CLIENT', localEndpoint: { serviceName: 'accountservice' } });
    expect(ancestors(imageCall)).toContain(accountServer);
    expect(imageCall?.id).not.toBe(quoteCall?.id);

    // accountservice SERVER → … → PRODUCER (vip.events publish) → vipservice CONSUMER
    const publish = spans.find(is('accountservice', 'PRODUCER'));
    expect(ancestors(publish)).toContain(accountServer);
    expect(parentOf(spans.find(is('vipservice', 'CONSUMER')))).toBe(publish);
  });

  it('still answers 200 through the edge with the fallback quote once quotes-service is stopped mid-run, and the breaker opens (chapter 07)', async () => {
    const quotes = landscape.services.find((s) => s.spec.name === 'quotes-service');
    const exited = new Promise((resolve) => quotes?.process.once('exit', resolve));
    quotes?.process.kill('SIGTERM');
    await exited;

    // Each read fails its quote call (refused, retried), answered by the fallback, until the
    // breaker has seen enough calls fail and opens.
    const answers: Account[] = [];
    while ((await breaker('quotes-service'))?.state !== 'open') {
      const reply = await throughEdge('/api/accounts/10000');
      expect(reply.status).toBe(200);
      answers.push(reply.json() as unknown as Account);
      expect(answers.length).toBeLessThanOrEqual(VOLUME + 2);
    }
    // Once open, a read never tries quotes-service: the fallback answers at once.
    const whileOpen = await throughEdge('/api/accounts/10001');
    expect(whileOpen.status).toBe(200);
    answers.push(whileOpen.json() as unknown as Account);
    for (const answer of answers) {
      expect(answer.quote).toEqual(FALLBACK_QUOTE);
      expect(answer.quote).toMatchObject({
        quote: 'May the source be with you, always.',
        ipAddress: 'circuit-breaker',
      });
      // imageservice is fine: only the quote falls back.
      expect(answer.imageData.servedBy).not.toBe('circuit-breaker');
    }

    // The same state where the landscape shows it: accountservice's /metrics (Prometheus) and the
    // breaker stream's view (Turbine's role), which polls every instance's /breakers.
    const metrics = await (await fetch(`${landscape.url('accountservice')}/metrics`)).text();
    expect(metrics).toMatch(/circuit_breaker_state\{[^}]*breaker="quotes-service"[^}]*state="open"[^}]*\} 1/);
    await pollUntil(
      "breakerstream's view of accountservice's quotes-service breaker as open",
      async () => {
        const res = await fetch(`${landscape.url('breakerstream')}/breakers`).catch(() => undefined);
        if (!res?.ok) return undefined;
        const view = (await res.json()) as { instances: { service: string; breakers: BreakerView[] }[] };
        return view.instances.some(
          (i) =>
            i.service === 'accountservice' && i.breakers.some((b) => b.name === 'quotes-service' && b.state === 'open'),
        )
          ? true
          : undefined;
      },
      WAIT,
    );
  });
});
