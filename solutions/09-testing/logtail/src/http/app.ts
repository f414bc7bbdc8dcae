import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { QueryError, parseLogQuery } from '../log-query';
import { flattenLine } from '../log-line';
import type { LogStore } from '../log-store';
import { streamLogs } from './log-stream';
import { sendError } from '../../../common/http';

export interface LogtailAppDeps {
  store: LogStore;
  /** Every counter GET /stats reports. */
  stats: () => object;
  shutdown: AbortSignal;
  heartbeatMs?: number;
  /** Chapter 06: the trace store's page; a line written in a trace gets `traceUrl`, a link to its trace. */
  traceUi?: string;
  /** Told about an error no route handled (the client gets a 500 without details). */
  onError?: (err: unknown) => void;
}

/** Parses the query string or answers 400 with the bad parameter named. */
function queryOr400(req: Request, res: Response): ReturnType<typeof parseLogQuery> | undefined {
  try {
    return parseLogQuery(req.query);
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    sendError(res, 400, 'BAD_QUERY', err.message);
    return undefined;
  }
}

/** logtail's HTTP side: query the buffered lines, stream new ones, health and counters. */
export function buildApp({ store, stats, shutdown, heartbeatMs = 15_000, onError, traceUi }: LogtailAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_req, res) => {
    res.json({ status: 'UP', services: store.services() });
  });
  app.get('/stats', (_req, res) => {
    res.json(stats());
  });
  app.get('/logs', (req, res) => {
    const query = queryOr400(req, res);
    if (!query) return;
    const { limit, ...filter } = query;
    const lines = store.query(filter, limit).map((line) => flattenLine(line, traceUi));
    res.json({ count: lines.length, lines });
  });
  app.get('/logs/stream', (req, res) => {
    const query = queryOr400(req, res);
    if (!query) return;
    const { limit: _limit, ...filter } = query;
    streamLogs(req, res, filter, { store, shutdown, heartbeatMs, traceUi });
  });

  app.use((req, res) => sendError(res, 404, 'NOT_FOUND', `no route for ${req.method} ${req.path}`));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    onError?.(err);
    sendError(res, 500, 'INTERNAL', 'logtail could not answer this request');
  });
  return app;
}
