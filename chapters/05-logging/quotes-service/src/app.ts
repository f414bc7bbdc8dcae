import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogging } from '../../common/logging';
import { mountRoutes } from '../../common/http';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp(deps: HandlerDeps & { refresh?: RequestHandler; log?: Logger }) {
  const app = express();
  // Chapter 05: an access line per request and the request id in and out (first, so it sees everything).
  if (deps.log) app.use(requestLogging(deps.log));
  app.disable('x-powered-by');
  // Every quote is picked afresh: an ETag would hash each body for nothing.
  app.disable('etag');
  return mountRoutes(app, routes(makeHandlers(deps), deps.refresh));
}
