import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { errorHandler, methodNotAllowed, unknownRoute } from './errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One row of a service's routes table (goblog's Route{Name, Method, Pattern, HandlerFunc}). */
export interface Route {
  name: string;
  method: Method;
  pattern: string;
  // Handlers declare their own params types; the table only needs "something Express can call".
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: RequestHandler<any>;
}

/**
 * Mounts a routes table, then what every service answers the same way: a known path with the
 * wrong method gets 405 and an Allow header (not a misleading 404), an unknown path a JSON 404,
 * and errors the JSON error shape. `errorHandlers` run first, for the service's own error types.
 */
export function mountRoutes(app: Express, table: Route[], errorHandlers: ErrorRequestHandler[] = []): Express {
  for (const route of table) {
    app[lowerCase(route.method)](route.pattern, route.handler);
  }
  for (const [pattern, methods] of methodsByPattern(table)) {
    app.all(pattern, methodNotAllowed(methods));
  }
  app.use(unknownRoute);
  app.use(...errorHandlers, errorHandler);
  return app;
}

function lowerCase<M extends string>(method: M) {
  return method.toLowerCase() as Lowercase<M>;
}

function methodsByPattern(table: Route[]): Map<string, string[]> {
  const byPattern = new Map<string, string[]>();
  for (const { pattern, method } of table) {
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), method]);
  }
  return byPattern;
}
