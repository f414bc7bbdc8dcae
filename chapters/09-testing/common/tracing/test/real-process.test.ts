import { freePort } from '@workshop/testkit';
import { type RunningServer, serve } from '../../http';
import { buildApp } from '../../../zipkin/src/app';
import type { Span } from '../../../zipkin/src/span';
import { SpanStore } from '../../../zipkin/src/span-store';
import { type TracedProcess, eventually, startTracedProcess } from './helpers/traced-process';

// Real processes: OpenTelemetry's instrumentations do not see modules loaded inside jest.
jest.setTimeout(90_000);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

let zipkin: RunningServer;
let store: SpanStore;
let app: TracedProcess;

beforeAll(async () => {
  store = new SpanStore({ maxTraces: 1000, maxSpans: 10_000 });
  zipkin = await serve(buildApp({ store, bodyLimit: '5mb' }), {
    host: '127.0.0.1',
    port: await freePort(),
    onClosed: async () => {},
  });
  app = await startTracedProcess({ TRACING_ZIPKIN_URL: `http://127.0.0.1:${zipkin.port}/api/v2/spans` });
});

afterAll(async () => {
  await app?.stop();
  await zipkin?.shutdown();
});

/** The trace once it holds `count` spans, read from the embedded Zipkin's v2 API as a UI would. */
async function traceWith(traceId: string, count: number): Promise<Span[]> {
  return eventually(async () => {
    const res = await fetch(`http://127.0.0.1:${zipkin.port}/api/v2/trace/${traceId}`);
    if (res.status !== 200) return undefined;
    const spans = (await res.json()) as Span[];
    return spans.length >= count ? spans : undefined;
  }, `${count} spans of trace ${traceId} in zipkin`);
}

async function getAccount(id: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/accounts/${id}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; traceId: string };
}

it('[exporter-from-config][manual-span] continues an incoming traceparent: SERVER span, manual store span with attributes and event, log line with the trace id', async () => {
  await getAccount('10000', { traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
  const spans = await traceWith(TRACE_ID, 3);
  const server = spans.find((s) => s.kind === 'SERVER');
  expect(server).toMatchObject({ parentId: PARENT_ID, localEndpoint: { serviceName: 'traced-app' } });
  expect(server?.tags).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': '200' });
  const store = spans.find((s) => s.name === 'accounts.find');
  expect(store?.tags).toMatchObject({
    'db.system': 'sqlite',
    'db.statement': 'SELECT id, name FROM accounts WHERE id = ?',
  });
  expect(store?.annotations?.map((a) => a.value)).toEqual([expect.stringContaining('row read')]);
  // The store span nests under the request: its parent is a span of the same trace.
  expect(spans.map((s) => s.id)).toContain(store?.parentId);
  // The pino instrumentation stamps the request's log line with its trace.
  const logLine = await eventually(() => app.output.find((l) => l.includes('account served')), 'the log line');
  expect(JSON.parse(logLine)).toMatchObject({ trace_id: TRACE_ID, span_id: expect.stringMatching(/^[a-f0-9]{16}$/) });
});

it('[exporter-from-config][composite-propagator] continues an incoming B3 trace (X-B3-TraceId, as Spring Cloud Sleuth sends it)', async () => {
  const b3Trace = 'a3ce929d0e0e47364bf92f3577b34da6';
  const body = await getAccount('10001', {
    'X-B3-TraceId': b3Trace,
    'X-B3-SpanId': 'e457b5a2e4d86bd1',
    'X-B3-Sampled': '1',
  });
  expect(body.traceId).toBe(b3Trace);
  const spans = await traceWith(b3Trace, 2);
  expect(spans.find((s) => s.kind === 'SERVER')?.parentId).toBe('e457b5a2e4d86bd1');
});

it('[exporter-from-config] keeps no new trace at sampling ratio 0 (changed live), and keeps them again at 1', async () => {
  expect(await (await fetch(`${app.url}/sampling/0`, { method: 'POST' })).json()).toEqual({ samplingRatio: 0 });
  const unsampled = await getAccount('10002');
  await fetch(`${app.url}/sampling/1`, { method: 'POST' });
  const sampled = await getAccount('10003');
  // Spans leave in order: once the later trace is in, the earlier one would be too.
  await traceWith(sampled.traceId, 2);
  expect((await fetch(`http://127.0.0.1:${zipkin.port}/api/v2/trace/${unsampled.traceId}`)).status).toBe(404);
});

it('[exporter-from-config] answers every request while the trace store is down, counts the dropped spans and warns once', async () => {
  const down = await startTracedProcess({ TRACING_ZIPKIN_URL: `http://127.0.0.1:${await freePort()}/api/v2/spans` });
  try {
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fetch(`${down.url}/accounts/${10020 + i}`).then((r) => r.status)),
    );
    expect(statuses).toEqual(Array(10).fill(200));
    const dropped = await eventually(async () => {
      const { droppedSpans } = (await (await fetch(`${down.url}/tracing`)).json()) as { droppedSpans: number };
      return droppedSpans >= 20 ? droppedSpans : undefined;
    }, '20 dropped spans (10 requests, 2 or more spans each)');
    expect(dropped).toBeGreaterThanOrEqual(20);
    expect(down.output.filter((l) => l.includes('cannot send spans')).length).toBe(1);
  } finally {
    await down.stop();
  }
});

it('[exporter-from-config] exits cleanly when the trace store is down at shutdown: the waiting spans are lost with a warning', async () => {
  const down = await startTracedProcess({
    TRACING_ZIPKIN_URL: `http://127.0.0.1:${await freePort()}/api/v2/spans`,
    // No batch leaves before the exit: the spans of the request below are still waiting at SIGTERM.
    TRACING_EXPORT_DELAY_MS: '60000',
  });
  expect((await fetch(`${down.url}/accounts/10040`)).status).toBe(200);
  await down.stop();
  expect(down.child.exitCode).toBe(0);
  expect(down.output.some((l) => l.includes('spans still waiting at shutdown were not sent'))).toBe(true);
});
