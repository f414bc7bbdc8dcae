import express, { type RequestHandler } from 'express';
import { mountRoutes } from '../../common/http';
import { HealthSwitch } from './health';
import { type VipEvents, makeHandlers } from './handlers';
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
  /** Where VIP reads are announced (chapter 04); without it, nobody hears of them. */
  vip?: VipEvents;
  /** POST /actuator/refresh: re-fetches the configuration (absent in tests that need no config server). */
  refresh?: RequestHandler;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp({
  store,
  servedBy,
  testability,
  healthSwitch = new HealthSwitch(),
  quotes = noQuotes,
  vip = { accountRead: () => undefined },
  refresh,
}: AppDeps) {
  const app = express();
  // Per-request work no route needs: every account answer is fresh (a quote, the replica that
  // served it), so an ETag would hash the body for nothing; no route reads a query string.
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', false);
  app.use(express.json({ limit: '16kb' }));

  return mountRoutes(
    app,
    routes(makeHandlers({ store, servedBy, healthSwitch, quotes, vip }), { testability, refresh }),
  );
}
