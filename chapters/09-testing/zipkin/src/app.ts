import express from 'express';
import { mountRoutes } from '../../common/http';
import { type HandlerDeps, makeHandlers } from './handlers';
import { routes } from './routes';

export interface AppDeps extends HandlerDeps {
  /** The largest POST /api/v2/spans body accepted, after gunzip (express.json's limit syntax, e.g. "5mb"). */
  bodyLimit: string;
}

/** Builds the Zipkin stand-in's Express app. No I/O happens here, so tests can call it freely. */
export function buildApp({ bodyLimit, ...deps }: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  // express.json inflates Content-Encoding gzip/deflate itself and applies the limit to the inflated body.
  app.use('/api/v2/spans', express.json({ limit: bodyLimit, inflate: true, strict: false }));
  return mountRoutes(app, routes(makeHandlers(deps)));
}
