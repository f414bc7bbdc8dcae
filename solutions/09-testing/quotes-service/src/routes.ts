import type { RequestHandler } from 'express';
import type { Route } from '../../common/http';
import type { Handlers } from './handlers';
import { type Chaos, withChaos } from '../../common/chaos';

export function routes(
  handlers: Handlers,
  refresh?: RequestHandler,
  { metrics, chaos }: { metrics?: RequestHandler; chaos?: Chaos } = {},
): Route[] {
  const getQuote = chaos ? withChaos(chaos, handlers.getQuote) : handlers.getQuote;
  const table: Route[] = [
    { name: 'GetQuote', method: 'GET', pattern: '/api/quote', handler: getQuote },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
  if (refresh) {
    // Spring Boot Actuator's name: re-fetch the configuration, apply what is safe to change live.
    table.push({ name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refresh });
  }
  // Chapter 07: what Prometheus scrapes; the chaos switches (403 in the prod profile).
  if (metrics) table.push({ name: 'Metrics', method: 'GET', pattern: '/metrics', handler: metrics });
  if (chaos) {
    table.push({ name: 'ShowChaos', method: 'GET', pattern: '/chaos', handler: chaos.show });
    table.push({ name: 'SetChaos', method: 'POST', pattern: '/chaos', handler: chaos.set });
  }
  return table;
}
