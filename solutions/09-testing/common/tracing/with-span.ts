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
  // @exercise manual-span: Run fn inside an active child span carrying the attributes; on an error record it on the span and rethrow; always end the span (an unended span is never exported).
  // @hint Make the new span the current one while fn runs, so what fn does (a query, a call) becomes its child; whatever happens, the span must end, and a failure must be written on it before it goes on to the caller.
  // @hint-api tracer.startActiveSpan(name, { attributes }, async (span) => …) with try { return await fn(span) } catch (err) { recordFailure(span, err); throw err } finally { span.end() }.
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
  // @starter
  // // The span starts but never ends, so it is never exported.
  // return tracer.startActiveSpan(name, { attributes }, (span) => fn(span));
  // @end
}

/** Marks the span failed: an `exception` event with the error, and status ERROR with its message. */
export function recordFailure(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
