import express from 'express';
import { errorHandler, methodNotAllowed, unknownRoute } from './errors';
import { makeHandlers } from './handlers';
import type { EnvironmentRepository } from './repository/environment';
import { type Route, routes } from './routes';

export interface AppDeps {
  repository: EnvironmentRepository;
  log?: (line: string) => void;
  /** More routes, matched before the catch-all GET patterns (chapter 04: POST /actuator/busrefresh). */
  extraRoutes?: Route[];
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp({ repository, log = () => undefined, extraRoutes = [] }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));

  const table = routes(makeHandlers({ repository, log }), extraRoutes);
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
