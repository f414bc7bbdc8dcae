import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogging } from '../../common/logging';
import { mountRoutes } from '../../common/http';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';
import type { ServiceMetrics } from '../../common/metrics';

export interface AppDeps extends HandlerDeps {
  /** POST /actuator/refresh: re-fetches the configuration (absent in tests that need no config server). */
  refresh?: RequestHandler;
  /** Chapter 05: an access line per request and the request id in and out (first, so it sees everything). */
  log?: Logger;
  /** Chapter 07: GET /metrics and the HTTP latency of every request. */
  metrics?: Pick<ServiceMetrics, 'httpMiddleware' | 'handler'>;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp(deps: AppDeps) {
  const app = express();
  if (deps.log) app.use(requestLogging(deps.log));
  if (deps.metrics) app.use(deps.metrics.httpMiddleware);
  app.disable('x-powered-by');
  return mountRoutes(app, routes(makeHandlers(deps), deps.refresh, deps.metrics?.handler));
}
