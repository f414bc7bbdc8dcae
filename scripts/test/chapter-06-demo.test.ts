import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '../lib/ports';
import { pollUntil } from '../lib/poll';
import { type TraceStoreProcess, newB3Trace, newTraceparent, startTraceStore, waitForTrace } from '../lib/trace-store';
import { type ZipkinSpan, slowestLeaf, traceDuration, waterfall } from '../lib/waterfall';
import { REPO_ROOT } from '../lib/paths';
import {
  type TracedProcess,
  startTracedProcess,
} from '../../solutions/06-tracing/common/tracing/test/helpers/traced-process';

// What chapter 6's demo does, without the whole landscape: read a trace from the embedded Zipkin
// (a real process) and print it as a waterfall, honour traceparent and B3, stop the store and start
// it again on the same port while a traced process (real OpenTelemetry) keeps answering.
jest.setTimeout(120_000);

const ZIPKIN_ENTRY = path.join(REPO_ROOT, 'solutions', '06-tracing', 'zipkin', 'src', 'main.ts');
const WAIT = { timeoutMs: 20_000, intervalMs: 100 };

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const at = (ms: number) => 1_700_000_000_000_000 + ms * 1000;

/** One account read as the services export it: SERVER → store span, CLIENT → SERVER → CPU burn, and a VIP message. */
function accountTrace(burnMs: number): ZipkinSpan[] {
  const span = (id: string, parentId: string | undefined, name: string, service: string, from: number, ms: number) => ({
    traceId: T,
    id: id.padStart(16, '0'),
    ...(parentId && { parentId: parentId.padStart(16, '0') }),
    name,
    timestamp: at(from),
    duration: ms * 1000,
    localEndpoint: { serviceName: service },
  });
  return [
    { ...span('1', 'f', 'get /accounts/:accountid', 'accountservice', 0, burnMs + 10), kind: 'SERVER' },
    { ...span('2', '1', 'query', 'accountservice', 0.1, 0.1), tags: { 'express.type': 'middleware' } },
    { ...span('3', '1', 'expressinit', 'accountservice', 0.2, 0.1), tags: { 'express.type': 'middleware' } },
    {
      ...span('4', '1', 'accounts.find', 'accountservice', 1, 0.5),
      tags: { 'db.system': 'sqlite' },
      annotations: [{ timestamp: at(1.2), value: 'row read' }],
    },
    { ...span('5', '1', 'get', 'accountservice', 2, burnMs + 6), kind: 'CLIENT' },
    { ...span('6', '5', 'get /api/quote', 'quotes-service', 3, burnMs + 4), kind: 'SERVER' },
    { ...span('7', '6', 'quote.burn-cpu', 'quotes-service', 4, burnMs), tags: { 'quote.strength': '10' } },
    { ...span('8', '1', 'vip.events publish', 'accountservice', burnMs + 8, 1), kind: 'PRODUCER' },
    { ...span('9', '8', 'vip_queue process', 'vipservice', burnMs + 9, 1), kind: 'CONSUMER' },
  ];
}

const plain = (lines: string[]) => lines.map((line) => stripVTControlCharacters(line));

describe('a trace as a waterfall in the terminal', () => {
  it('prints one line per span, children indented under their parent in start order, middleware folded', () => {
    const lines = plain(waterfall(accountTrace(100), { width: 20 }));
    // The bar (20 + 2), the duration (1 + 9), the service (2 + 14 + 2), then the tree.
    const names = lines.map((line) => line.slice(50));
    expect(names).toEqual([
      'get /accounts/:accountid  server  +2 middleware',
      '├─ accounts.find  ◆ row read',
      '├─ get  client',
      '│  └─ get /api/quote  server',
      '│     └─ quote.burn-cpu  quote.strength=10',
      '└─ vip.events publish  producer',
      '   └─ vip_queue process  consumer',
    ]);
    expect(lines[0]).toMatch(/^▕█{20}▏ +110\.0 ms {2}accountservice {2}/);
    // The CPU burn starts a little after the root and fills most of the time line.
    const burn = /▕( *)(█+)( *)▏/.exec(lines[4]) as RegExpExecArray;
    expect(burn[2].length).toBeGreaterThan(15);
    expect(burn[1].length + burn[2].length + burn[3].length).toBe(20);
  });

  it('names the longest span without children as where the time went, and the trace duration', () => {
    const spans = accountTrace(100);
    expect(slowestLeaf(spans)?.name).toBe('quote.burn-cpu');
    expect(traceDuration(spans)).toBe(110_000);
    const slowMiddleware = accountTrace(0).map((s) => (s.name === 'query' ? { ...s, duration: 50_000 } : s));
    expect(slowestLeaf(slowMiddleware)?.name).toBe('vip_queue process');
    expect(waterfall([])).toEqual([]);
  });

  it('makes a span whose parent is outside the trace (the caller who sent traceparent) a root', () => {
    const [orphan] = plain(waterfall([{ traceId: T, id: 'a'.repeat(16), parentId: 'b'.repeat(16), name: 'x' }]));
    expect(orphan).toMatch(/\? {2}x$/);
  });
});

describe('the trace store, stopped and started again under a traced process', () => {
  let store: TraceStoreProcess | undefined;
  let app: TracedProcess;
  let port: number;
  let zipkin: string;

  beforeAll(async () => {
    port = await freePort();
    store = await startTraceStore(ZIPKIN_ENTRY, port);
    zipkin = store.url;
    app = await startTracedProcess({ TRACING_ZIPKIN_URL: `${zipkin}/api/v2/spans` });
  });

  afterAll(async () => {
    await app?.stop();
    await store?.stop();
  });

  async function readWith(headers: Record<string, string>): Promise<number> {
    const res = await fetch(`${app.url}/accounts/10000`, { headers });
    await res.arrayBuffer();
    return res.status;
  }

  const withStoreSpan = (spans: ZipkinSpan[]) => spans.some((s) => s.name === 'accounts.find');

  it('reads the trace a traceparent started, and prints its SERVER span with the store span below', async () => {
    const trace = newTraceparent();
    expect(trace.headers.traceparent).toMatch(new RegExp(`^00-${trace.traceId}-[0-9a-f]{16}-01$`));
    expect(await readWith(trace.headers)).toBe(200);
    const spans = await waitForTrace(zipkin, trace.traceId, withStoreSpan, WAIT);
    const lines = plain(waterfall(spans));
    const server = lines.findIndex((l) => /traced-app {2}get \/accounts\/:id {2}server/.test(l));
    const find = lines.findIndex((l) => /[├└]─ accounts\.find {2}◆ row read/.test(l));
    expect(server).toBe(0);
    expect(find).toBeGreaterThan(server);
  });

  it('finds a trace sent in B3 headers (what Sleuth and Zuul send) under its B3 trace id', async () => {
    const trace = newB3Trace();
    expect(await readWith(trace.headers)).toBe(200);
    const spans = await waitForTrace(zipkin, trace.traceId, withStoreSpan, WAIT);
    expect(spans.every((s) => s.traceId === trace.traceId)).toBe(true);
  });

  it('says which services had sent spans when a trace never completes', async () => {
    await expect(waitForTrace(zipkin, 'c'.repeat(32), () => true, { timeoutMs: 300, intervalMs: 100 })).rejects.toThrow(
      /trace c{32} in http:\/\/127\.0\.0\.1:\d+: 0 span\(s\) so far, from none/,
    );
  });

  it('keeps answering 200 while the store is down, warns once, and counts the drops when it is back on the same port', async () => {
    expect(await store?.stop()).toBe(0);
    store = undefined;
    const mark = app.output.length;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await readWith(newTraceparent().headers));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await pollUntil(
      'the drop warning',
      () => app.output.slice(mark).find((l) => /tracing: cannot send spans/.test(l)),
      WAIT,
    );

    const lines: string[] = [];
    store = await startTraceStore(ZIPKIN_ENTRY, port, (line) => lines.push(line));
    expect(store.url).toBe(zipkin);
    expect(lines.join('\n')).toMatch(/zipkin listening on http:\/\/127\.0\.0\.1:\d+/);
    const trace = newTraceparent();
    expect(await readWith(trace.headers)).toBe(200);
    await waitForTrace(zipkin, trace.traceId, withStoreSpan, WAIT);
    const back = await pollUntil(
      'the store-is-back line',
      () => app.output.slice(mark).find((l) => /tracing: trace store at .* is back/.test(l)),
      WAIT,
    );
    expect(Number(/\((\d+) span\(s\) dropped/.exec(back)?.[1])).toBeGreaterThan(0);
    expect(app.output.slice(mark).filter((l) => /tracing: cannot send spans/.test(l))).toHaveLength(1);
  });

  it('refuses to start a second store on a port already taken', async () => {
    await expect(startTraceStore(ZIPKIN_ENTRY, port)).rejects.toThrow(`port ${port} is taken`);
  });

  it('says what the store printed when it cannot start', async () => {
    await expect(startTraceStore(path.join(REPO_ROOT, 'no-such-zipkin.ts'), await freePort())).rejects.toThrow(
      /zipkin exited \(code 1\):[^]*no-such-zipkin/,
    );
  });
});
