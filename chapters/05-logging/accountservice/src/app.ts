import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogging } from '../../common/logging';
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
  /** Chapter 05: an access line per request and the request id in and out (first, so it sees everything). */
  log?: Logger;
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
  log,
}: AppDeps) {
  const app = express();
  if (log) app.use(requestLogging(log));
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
