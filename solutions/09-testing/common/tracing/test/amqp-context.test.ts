import { ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { extractContext, injectContext } from '../index';
import { inMemoryTracing } from './helpers/in-memory-tracing';

let tracing: ReturnType<typeof inMemoryTracing>;
beforeEach(() => {
  tracing = inMemoryTracing();
});
afterEach(() => tracing.close());

describe('[amqp-propagation] trace context through AMQP headers by hand', () => {
  it('injects the active span into message headers and keeps the headers already there', () => {
    const publish = tracing.tracer.startSpan('vip publish');
    const headers = context.with(trace.setSpan(context.active(), publish), () => injectContext({ 'x-retries': 0 }));
    publish.end();
    const { traceId, spanId } = publish.spanContext();
    expect(headers).toMatchObject({
      'x-retries': 0,
      traceparent: `00-${traceId}-${spanId}-01`,
    });
  });

  it('extracts the context from received headers, Buffers included, so the consumer span joins the trace', () => {
    const publish = tracing.tracer.startSpan('vip publish');
    const sent = injectContext({}, trace.setSpan(ROOT_CONTEXT, publish));
    // amqplib may hand header values back as Buffers.
    const received = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, Buffer.from(String(v))]));
    const consume = tracing.tracer.startSpan('vip consume', {}, extractContext(received));
    expect(consume.spanContext().traceId).toBe(publish.spanContext().traceId);
    expect(trace.getSpanContext(extractContext(received))).toMatchObject({
      spanId: publish.spanContext().spanId,
      isRemote: true,
    });
  });

  it('gives the root context for a message without trace headers', () => {
    expect(trace.getSpanContext(extractContext(undefined))).toBeUndefined();
    expect(trace.getSpanContext(extractContext({ other: 'x' }))).toBeUndefined();
  });
});
