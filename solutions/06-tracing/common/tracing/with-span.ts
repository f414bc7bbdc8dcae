import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** The tracer for spans the services write themselves (the store query, a hand-propagated message). */
export const TRACER_NAME = 'workshop-manual';

/**
 * Runs `fn` inside a new span, child of the active one (the request's SERVER span), with the given
 * attributes: e.g. withSpan('accounts.find', { 'db.system': 'sqlite', 'db.statement': sql }, …).
 * The span ends when fn's promise settles; a thrown error is recorded on it and rethrown.
 * `fn` gets the span to add events (span.addEvent('cache miss')) or more attributes.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => T | Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(TRACER_NAME);
  // @exercise manual-span: Start an active child span with the attributes, run fn in it, record a failure (exception event + ERROR status) and always end the span.
  // @hint tracer.startActiveSpan(name, { attributes }, async (span) => …) makes the span current inside the callback; in a finally, span.end(); on an error span.recordException(err) and span.setStatus({ code: SpanStatusCode.ERROR, message }), then rethrow.
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      throw err;
    } finally {
      span.end();
    }
  });
  // @end
}
