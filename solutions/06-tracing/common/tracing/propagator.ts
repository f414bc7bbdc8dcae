import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';

/**
 * The trace headers every service reads and writes: W3C trace context (traceparent/tracestate)
 * and baggage, plus B3 as Spring Cloud Sleuth and Zuul send it, in the multi-header form
 * (X-B3-TraceId, X-B3-SpanId, X-B3-Sampled) and the single `b3` header. Outgoing calls carry all
 * of them; an incoming request with any one of them continues its trace.
 */
export function compositePropagator(): TextMapPropagator {
  // @exercise composite-propagator: Build one propagator that injects W3C trace context, W3C baggage and B3 (multi-header and single-header) and extracts any of them, traceparent winning when both W3C and B3 arrive.
  // @hint A CompositePropagator ({ propagators: [...] }) runs every inject, and every extract in order over the previous one's context, so the last to find a trace wins: two B3Propagators (injectEncoding B3InjectEncoding.MULTI_HEADER and SINGLE_HEADER) first, W3CBaggagePropagator and W3CTraceContextPropagator last.
  return new CompositePropagator({
    propagators: [
      new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
      new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
      new W3CBaggagePropagator(),
      new W3CTraceContextPropagator(),
    ],
  });
  // @end
}
