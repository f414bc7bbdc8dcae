import type { RequestHandler } from 'express';
import type { Handlers } from './handlers';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One row of the routes table (goblog's Route{Name, Method, Pattern, HandlerFunc}). */
export interface Route {
  name: string;
  method: Method;
  pattern: string;
  // Handlers declare their own params types; the table only needs "something Express can call".
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: RequestHandler<any>;
}

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
