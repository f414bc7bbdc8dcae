import express from 'express';
import type { Logger } from 'pino';
import { requestLogging } from '../../common/logging';
import { type Route, mountRoutes } from '../../common/http';
import { makeHandlers } from './handlers';
import type { EnvironmentRepository } from './repository/environment';
import { repositoryErrors } from './repository-errors';
import { routes } from './routes';

export interface AppDeps {
  repository: EnvironmentRepository;
  log?: (line: string) => void;
  /** More routes, matched before the catch-all GET patterns (chapter 04: POST /actuator/busrefresh). */
  extraRoutes?: Route[];
  /** Chapter 05: an access line per request and the request id in and out (first, so it sees everything). */
  logger?: Logger;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp({ repository, log = () => undefined, extraRoutes = [], logger }: AppDeps) {
  const app = express();
  if (logger) app.use(requestLogging(logger));
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  return mountRoutes(app, routes(makeHandlers({ repository, log }), extraRoutes), [repositoryErrors]);
}
