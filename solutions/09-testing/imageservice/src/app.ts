import express, { type RequestHandler } from 'express';
import { mountRoutes } from '../../common/http';
import type { ServiceMetrics } from '../../common/metrics';
import type { Chaos } from '../../common/chaos';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';

export interface AppDeps extends HandlerDeps {
  chaos: Chaos;
  metrics: ServiceMetrics;
  refresh?: RequestHandler;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp({ chaos, metrics, refresh, ...handlerDeps }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.httpMiddleware);
  app.use(express.json({ limit: '1kb' }));
  return mountRoutes(app, routes(makeHandlers(handlerDeps), { chaos, metrics: metrics.handler, refresh }));
}
