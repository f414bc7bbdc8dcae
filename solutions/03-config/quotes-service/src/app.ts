import express, { type RequestHandler } from 'express';
import { mountRoutes } from '../../common/http';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp(deps: HandlerDeps & { refresh?: RequestHandler }) {
  const app = express();
  app.disable('x-powered-by');
  // Every quote is picked afresh: an ETag would hash each body for nothing.
  app.disable('etag');
  return mountRoutes(app, routes(makeHandlers(deps), deps.refresh));
}
