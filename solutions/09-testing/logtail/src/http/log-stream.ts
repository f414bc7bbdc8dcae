import type { Request, Response } from 'express';
import type { LogFilter } from '../log-query';
import { matchesFilter } from '../log-query';
import { flattenLine } from '../log-line';
import type { LogStore } from '../log-store';

export interface LogStreamOptions {
  store: LogStore;
  /** Aborted at shutdown: every open stream ends so the HTTP server can close. */
  shutdown: AbortSignal;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** The trace store's page: lines written in a trace link to it (see flattenLine). */
  traceUi?: string;
}

/** A client that reads slower than lines arrive is cut off once this much waits for it. */
export const MAX_UNSENT_BYTES = 1024 * 1024;

/** GET /logs/stream: matching lines as Server-Sent Events (`data: <json>`), as they arrive. */
export function streamLogs(req: Request, res: Response, filter: LogFilter, options: LogStreamOptions): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  // Tells the client it is subscribed: lines that arrive from now on reach it.
  res.write(': subscribed\n\n');
  let eventId = 0;
  const unsubscribe = options.store.subscribe((line) => {
    if (!matchesFilter(line, filter)) return;
    if (res.writableLength > MAX_UNSENT_BYTES) return end();
    eventId += 1;
    res.write(`id: ${eventId}\ndata: ${JSON.stringify(flattenLine(line, options.traceUi))}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
  heartbeat.unref();
  function end(): void {
    clearInterval(heartbeat);
    unsubscribe();
    options.shutdown.removeEventListener('abort', end);
    res.end();
  }
  options.shutdown.addEventListener('abort', end);
  req.on('close', end);
}
