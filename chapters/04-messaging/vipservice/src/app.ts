import express, { type RequestHandler } from 'express';
import { errorHandler, methodNotAllowed, unknownRoute } from './errors';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';

export interface AppDeps extends HandlerDeps {
  /** POST /actuator/refresh: re-fetches the configuration (absent in tests that need no config server). */
  refresh?: RequestHandler;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');

  const table = routes(makeHandlers(deps), deps.refresh);
  for (const route of table) {
    app[lowerCase(route.method)](route.pattern, route.handler);
  }
  // A known path with the wrong method gets 405 and an Allow header, not a misleading 404.
  for (const [pattern, methods] of methodsByPattern(table)) {
    app.all(pattern, methodNotAllowed(methods));
  }

  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}

function lowerCase<M extends string>(method: M) {
  return method.toLowerCase() as Lowercase<M>;
}

function methodsByPattern(table: { pattern: string; method: string }[]): Map<string, string[]> {
  const byPattern = new Map<string, string[]>();
  for (const { pattern, method } of table) {
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), method]);
  }
  return byPattern;
}
