import express from 'express';
import { mountRoutes } from '../../common/http';
import { HealthSwitch } from './health';
import { makeHandlers } from './handlers';
import { type QuoteClient, noQuotes } from './quotes/quote-client';
import { routes } from './routes';
import type { AccountStore } from './store/store';

export interface AppDeps {
  store: AccountStore;
  servedBy: string;
  /** Enables the testability routes; off in the prod profile. */
  testability: boolean;
  healthSwitch?: HealthSwitch;
  /** Where quotes come from; without one, accounts are served without a quote. */
  quotes?: QuoteClient;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp({
  store,
  servedBy,
  testability,
  healthSwitch = new HealthSwitch(),
  quotes = noQuotes,
}: AppDeps) {
  const app = express();
  // Per-request work no route needs: every account answer is fresh (a quote, the replica that
  // served it), so an ETag would hash the body for nothing; no route reads a query string.
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', false);
  app.use(express.json({ limit: '16kb' }));

  return mountRoutes(app, routes(makeHandlers({ store, servedBy, healthSwitch, quotes }), { testability }));
}
