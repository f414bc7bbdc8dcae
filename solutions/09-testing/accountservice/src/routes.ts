import type { RequestHandler } from 'express';
import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

/**
 * Every route the service answers. The testability route (flip health on purpose) exists only
 * outside the production profile.
 */
export function routes(
  handlers: Handlers,
  {
    testability,
    refresh,
    metrics,
    breakers,
  }: { testability: boolean; refresh?: RequestHandler; metrics?: RequestHandler; breakers?: RequestHandler },
): Route[] {
  const table: Route[] = [
    { name: 'GetAccount', method: 'GET', pattern: '/accounts/:accountId', handler: handlers.getAccount },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
  if (refresh) {
    // Spring Boot Actuator's name: re-fetch the configuration, apply what is safe to change live.
    table.push({ name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refresh });
  }
  // Chapter 07: what Prometheus scrapes, and what the breaker stream polls.
  if (metrics) table.push({ name: 'Metrics', method: 'GET', pattern: '/metrics', handler: metrics });
  if (breakers) table.push({ name: 'Breakers', method: 'GET', pattern: '/breakers', handler: breakers });
  if (testability) {
    table.push({
      name: 'SetHealthyState',
      method: 'PUT',
      pattern: '/testability/healthy/:state',
      handler: handlers.setHealthy,
    });
  }
  return table;
}
