import type { RequestHandler } from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { amqpMetrics } from './amqp-metrics';
import { type BreakerEventSource, observeBreakers } from './breaker-metrics';
import { httpMetricsMiddleware } from './http-metrics';

export interface MetricsOptions {
  /** The service's name: the `service` label on every series. */
  service: string;
  /** Which instance ("10.0.0.5" in Swarm, "127.0.0.1#2" for a local replica): the `instance_id` label. */
  instance: string;
  /** Process metrics (CPU, memory, event loop lag, GC); off in tests that count series. */
  processMetrics?: boolean;
}

export type ServiceMetrics = ReturnType<typeof createMetrics>;

/**
 * One prom-client registry per process (not the global one, so tests can make several): HTTP
 * latency, breaker state and events, AMQP counts and process metrics, served by `handler`.
 */
export function createMetrics({ service, instance, processMetrics = true }: MetricsOptions) {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance_id: instance });
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const amqp = amqpMetrics(registry);
  const handler: RequestHandler = async (_req, res, next) => {
    try {
      res.set('Content-Type', registry.contentType).send(await registry.metrics());
    } catch (err) {
      next(err);
    }
  };
  return {
    registry,
    /** Mount first (app.use) so it times every request, unknown routes included. */
    httpMiddleware: httpMetricsMiddleware(registry),
    observeBreakers: (source: BreakerEventSource) => observeBreakers(registry, source),
    amqpPublished: amqp.published,
    amqpConsumed: amqp.consumed,
    /** GET /metrics in Prometheus' text format. */
    handler,
  };
}
