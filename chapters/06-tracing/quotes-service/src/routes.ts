import type { RequestHandler } from 'express';
import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

export function routes(handlers: Handlers, refresh?: RequestHandler): Route[] {
  const table: Route[] = [
    { name: 'GetQuote', method: 'GET', pattern: '/api/quote', handler: handlers.getQuote },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
  if (refresh) {
    // Spring Boot Actuator's name: re-fetch the configuration, apply what is safe to change live.
    table.push({ name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refresh });
  }
  return table;
}
