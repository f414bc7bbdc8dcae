import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogging } from '../../common/logging';
import { mountRoutes } from '../../common/http';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';
import type { Chaos } from '../../common/chaos';
import type { ServiceMetrics } from '../../common/metrics';

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp(
  deps: HandlerDeps & {
    refresh?: RequestHandler;
    log?: Logger;
    /** Chapter 07: GET /metrics and the HTTP latency of every request. */
    metrics?: Pick<ServiceMetrics, 'httpMiddleware' | 'handler'>;
    /** Chapter 07: POST /chaos makes GET /api/quote slow or failing (tests, demos). */
    chaos?: Chaos;
  },
) {
  const app = express();
  // Chapter 05: an access line per request and the request id in and out (first, so it sees everything).
  if (deps.log) app.use(requestLogging(deps.log));
  if (deps.metrics) app.use(deps.metrics.httpMiddleware);
  app.disable('x-powered-by');
  if (deps.chaos) app.use('/chaos', express.json({ limit: '1kb' }));
  return mountRoutes(
    app,
    routes(makeHandlers(deps), deps.refresh, { metrics: deps.metrics?.handler, chaos: deps.chaos }),
  );
}
