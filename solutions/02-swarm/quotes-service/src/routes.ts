import type { RequestHandler } from 'express';
import type { Handlers } from './handlers';

/** One row of the routes table, as in accountservice. */
export interface Route {
  name: string;
  method: 'GET';
  pattern: string;
  handler: RequestHandler;
}

export function routes(handlers: Handlers): Route[] {
  return [
    { name: 'GetQuote', method: 'GET', pattern: '/api/quote', handler: handlers.getQuote },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
  ];
}
