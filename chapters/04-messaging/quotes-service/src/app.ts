import express, { type RequestHandler } from 'express';
import { errorHandler, methodNotAllowed, unknownRoute } from './errors';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp(deps: HandlerDeps & { refresh?: RequestHandler }) {
  const app = express();
  app.disable('x-powered-by');
  for (const route of routes(makeHandlers(deps), deps.refresh)) {
    if (route.method === 'POST') app.post(route.pattern, route.handler);
    else app.get(route.pattern, route.handler);
    app.all(route.pattern, methodNotAllowed([route.method]));
  }
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
