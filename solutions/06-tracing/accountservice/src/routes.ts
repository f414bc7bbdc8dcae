import type { RequestHandler } from 'express';
import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

/**
 * Every route the service answers. The testability route (flip health on purpose) exists only
 * outside the production profile.
 */
export function routes(
  handlers: Handlers,
  { testability, refresh }: { testability: boolean; refresh?: RequestHandler },
): Route[] {
  const table: Route[] = [
    { name: 'GetAccount', method: 'GET', pattern: '/accounts/:accountId', handler: handlers.getAccount },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
  if (refresh) {
    // Spring Boot Actuator's name: re-fetch the configuration, apply what is safe to change live.
    table.push({ name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refresh });
  }
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
