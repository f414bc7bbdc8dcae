/**
 * Distributed tracing for every service: OpenTelemetry started before anything loads
 * (register.ts through node --require), spans exported to Zipkin or OTLP, W3C and B3 headers
 * both understood, a sampling ratio that changes live, manual spans and AMQP context by hand.
 */
export { type AmqpHeaders, amqpHeaderGetter, extractContext, injectContext } from './amqp-context';
export { CountingExporter, type DropLogger } from './counting-exporter';
export { exporterFor } from './exporter';
export { TRACING_LIVE_KEY, type TracingConfig, TracingConfigSchema, followTracingConfig } from './live-config';
export { LiveRatioSampler, liveParentBasedSampler, traceIdFraction } from './live-sampler';
export { b3Propagators, compositePropagator } from './propagator';
export {
  DEFAULT_OTLP_URL,
  DEFAULT_ZIPKIN_URL,
  TRACING_ENV,
  TracingConfigError,
  type TracingSettings,
  TracingSettingsSchema,
  parseTracingSettings,
  tracingDisabled,
  tracingSettingsFromEnv,
} from './settings';
export { type Tracing, currentTracing, startTracing } from './start-tracing';
export { TRACER_NAME, recordFailure, withSpan } from './with-span';
