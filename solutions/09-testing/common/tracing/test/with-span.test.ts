import { SpanStatusCode, trace } from '@opentelemetry/api';
import { withSpan } from '../index';
import { inMemoryTracing } from './helpers/in-memory-tracing';

let tracing: ReturnType<typeof inMemoryTracing>;
beforeEach(() => {
  tracing = inMemoryTracing();
});
afterEach(() => tracing.close());

describe('[manual-span] withSpan', () => {
  it('records a child of the active span with its attributes and events, and returns what fn returns', async () => {
    const parent = tracing.tracer.startSpan('GET /accounts/:accountId');
    const result = await tracing.tracer.startActiveSpan('request', async (request) => {
      const found = await withSpan(
        'accounts.find',
        { 'db.system': 'sqlite', 'db.statement': 'SELECT 1' },
        async (span) => {
          span.addEvent('row read', { 'account.id': '10000' });
          // Inside fn the manual span is the active one.
          expect(trace.getActiveSpan()).toBe(span);
          return 'Person_0';
        },
      );
      request.end();
      return found;
    });
    parent.end();
    expect(result).toBe('Person_0');
    const spans = tracing.exporter.getFinishedSpans();
    const manual = spans.find((s) => s.name === 'accounts.find')!;
    const request = spans.find((s) => s.name === 'request')!;
    expect(manual.attributes).toEqual({ 'db.system': 'sqlite', 'db.statement': 'SELECT 1' });
    expect(manual.events.map((e) => [e.name, e.attributes])).toEqual([['row read', { 'account.id': '10000' }]]);
    expect(manual.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(manual.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(manual.ended).toBe(true);
  });

  it('records a failure on the span (exception event, ERROR status), ends it and rethrows', async () => {
    await expect(
      withSpan('accounts.find', {}, () => {
        throw new Error('database is locked');
      }),
    ).rejects.toThrow('database is locked');
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'database is locked' });
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
    expect(span?.ended).toBe(true);
  });
});
