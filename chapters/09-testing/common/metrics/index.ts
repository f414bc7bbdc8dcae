/**
 * Metrics for Prometheus (prom-client 15): a registry per process, HTTP latency by route pattern,
 * breaker state and events, AMQP publish/consume counts, process metrics, and GET /metrics.
 */
export { type ConsumeOutcome, type PublishOutcome } from './amqp-metrics';
export { BREAKER_STATES, type BreakerEventSource } from './breaker-metrics';
export { type MetricsOptions, type ServiceMetrics, createMetrics } from './service-metrics';
