import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

export function routes(handlers: Handlers): Route[] {
  return [
    { name: 'GetQuote', method: 'GET', pattern: '/api/quote', handler: handlers.getQuote },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
}
