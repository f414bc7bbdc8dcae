import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';

/**
 * B3 as Spring Cloud Sleuth and Zuul send it: the multi-header form (X-B3-TraceId, X-B3-SpanId,
 * X-B3-Sampled) and the single `b3` header. Either one extracts both forms; each injects its own.
 */
export function b3Propagators(): TextMapPropagator[] {
  return [
    new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
    new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  ];
}

/**
 * The trace headers every service reads and writes: W3C trace context (traceparent/tracestate),
 * W3C baggage and both B3 forms. Outgoing calls carry all of them; an incoming request with any
 * one of them continues its trace; traceparent wins when a caller sends both.
 */
export function compositePropagator(): TextMapPropagator {
  return new CompositePropagator({
    propagators: [...b3Propagators(), new W3CBaggagePropagator(), new W3CTraceContextPropagator()],
  });
}
