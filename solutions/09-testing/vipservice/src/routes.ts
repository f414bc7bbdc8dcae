import type { RequestHandler } from 'express';
import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

/** Every route vipservice answers. */
export function routes(handlers: Handlers, refresh?: RequestHandler, metrics?: RequestHandler): Route[] {
  const table: Route[] = [
    { name: 'RecentVips', method: 'GET', pattern: '/vips/recent', handler: handlers.recentVips },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
  if (refresh) {
    // Spring Boot Actuator's name: re-fetch the configuration, apply what is safe to change live.
    table.push({ name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refresh });
  }
  // Chapter 07: what Prometheus scrapes.
  if (metrics) table.push({ name: 'Metrics', method: 'GET', pattern: '/metrics', handler: metrics });
  return table;
}
