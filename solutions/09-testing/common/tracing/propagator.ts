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
  // @exercise composite-propagator: Combine W3C trace context, W3C baggage and both B3 forms into one propagator that injects all of them and extracts any, traceparent winning when a caller sends both W3C and B3.
  // @hint One propagator made of several: on the way out each one writes its headers, on the way in each one reads in turn and the later ones overwrite what the earlier ones found, so the order decides who wins when a caller sends both.
  // @hint-api new CompositePropagator({ propagators: [...] }) from @opentelemetry/core; ...b3Propagators() first, then new W3CBaggagePropagator() and new W3CTraceContextPropagator() last (it wins).
  return new CompositePropagator({
    propagators: [...b3Propagators(), new W3CBaggagePropagator(), new W3CTraceContextPropagator()],
  });
  // @starter
  // // W3C only for now: a B3 caller (Sleuth, Zuul) starts a new trace here.
  // return new CompositePropagator({ propagators: [new W3CBaggagePropagator(), new W3CTraceContextPropagator()] });
  // @end
}
