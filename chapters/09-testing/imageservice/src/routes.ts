import type { RequestHandler } from 'express';
import type { Route } from '../../common/http';
import { type Chaos, withChaos } from '../../common/chaos';
import type { Handlers } from './handlers';

export interface RouteDeps {
  chaos: Chaos;
  metrics: RequestHandler;
  refresh?: RequestHandler;
}

/** Every route imageservice answers. Chaos (latency, failures) applies to the image routes only. */
export function routes(handlers: Handlers, { chaos, metrics, refresh }: RouteDeps): Route[] {
  const table: Route[] = [
    {
      name: 'AccountImage',
      method: 'GET',
      pattern: '/accounts/:accountId',
      handler: withChaos(chaos, handlers.accountImage),
    },
    {
      name: 'FilteredImage',
      method: 'GET',
      pattern: '/image/:id/filtered',
      handler: withChaos(chaos, handlers.filtered),
    },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
    { name: 'Metrics', method: 'GET', pattern: '/metrics', handler: metrics },
    // Outside the prod profile only (403 there): make this instance slow or failing.
    { name: 'ShowChaos', method: 'GET', pattern: '/chaos', handler: chaos.show },
    { name: 'SetChaos', method: 'POST', pattern: '/chaos', handler: chaos.set },
  ];
  if (refresh) table.push({ name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refresh });
  return table;
}
