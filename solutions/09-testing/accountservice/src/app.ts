import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestLogging } from '../../common/logging';
import { mountRoutes } from '../../common/http';
import { HealthSwitch } from './health';
import { type VipEvents, makeHandlers } from './handlers';
import type { ImageData, Quote } from './model';
import { routes } from './routes';
import type { AccountStore } from './store/store';

export interface AppDeps {
  store: AccountStore;
  servedBy: string;
  /** Enables the testability routes; off in the prod profile. */
  testability: boolean;
  healthSwitch?: HealthSwitch;
  /** Chapter 07: the quote through its breaker; without one, accounts are served without a quote. */
  fetchQuote?: () => Promise<Quote | undefined>;
  /** Chapter 07: the account's image through its breaker; without one, accounts come without it. */
  fetchImage?: (accountId: string) => Promise<ImageData | undefined>;
  /** Where VIP reads are announced (chapter 04); without it, nobody hears of them. */
  vip?: VipEvents;
  /** POST /actuator/refresh: re-fetches the configuration (absent in tests that need no config server). */
  refresh?: RequestHandler;
  /** Chapter 05: an access line per request and the request id in and out (first, so it sees everything). */
  log?: Logger;
  /** Chapter 07: GET /metrics (Prometheus) and the HTTP latency of every request. */
  metrics?: { httpMiddleware: RequestHandler; handler: RequestHandler };
  /** Chapter 07: GET /breakers, this instance's breakers (what the breaker stream polls). */
  breakers?: RequestHandler;
  /** Chapter 08: the access-token check in front of /accounts (defence in depth); /health stays open. */
  requireToken?: RequestHandler;
}

/** Builds the Express app from its dependencies. No I/O happens here, so tests can call it freely. */
export function buildApp({
  store,
  servedBy,
  testability,
  healthSwitch = new HealthSwitch(),
  fetchQuote = async () => undefined,
  fetchImage = async () => undefined,
  vip = { accountRead: () => undefined },
  refresh,
  log,
  metrics,
  breakers,
  requireToken,
}: AppDeps) {
  const app = express();
  if (log) app.use(requestLogging(log));
  if (metrics) app.use(metrics.httpMiddleware);
  app.disable('x-powered-by');
  app.use(express.json({ limit: '16kb' }));
  if (requireToken) app.use('/accounts', requireToken);

  return mountRoutes(
    app,
    routes(makeHandlers({ store, servedBy, healthSwitch, fetchQuote, fetchImage, vip }), {
      testability,
      refresh,
      metrics: metrics?.handler,
      breakers,
    }),
  );
}
