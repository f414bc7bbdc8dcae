import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** The tracer for spans the services write themselves (the store query, a hand-propagated message). */
export const TRACER_NAME = 'workshop-manual';

/**
 * Runs `fn` inside a new span, child of the active one (the request's SERVER span), with the given
 * attributes: e.g. withSpan('accounts.find', { 'db.system': 'sqlite', 'db.statement': sql }, …).
 * The span ends when fn's promise settles; a thrown error is recorded on it and rethrown.
 * `fn` gets the span to add events (span.addEvent('row read')) or more attributes.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => T | Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      recordFailure(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Marks the span failed: an `exception` event with the error, and status ERROR with its message. */
export function recordFailure(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
