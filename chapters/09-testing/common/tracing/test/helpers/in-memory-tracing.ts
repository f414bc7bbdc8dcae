import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/**
 * The OpenTelemetry API wired in-process for unit tests of code that only uses the API (manual
 * spans, propagation): finished spans land in memory. No instrumentation: that needs real processes.
 */
export function inMemoryTracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  // W3C only: the composite propagator has its own tests (and is an exercise these must not depend on).
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    exporter,
    tracer: provider.getTracer('test'),
    async close() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
