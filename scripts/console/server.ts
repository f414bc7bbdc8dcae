import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { LOCAL_HOST } from '../lib/ports';
import type { Collector } from './collector';
import { serviceOf } from './landscape-info';
import { queryLogs } from './sources/logs';
import { traceById } from './sources/traces';

const PUBLIC = path.join(__dirname, 'public');
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACE_ID = /^[0-9a-f]{16,32}$/;

/**
 * The console's HTTP side: the page (public/), its updates pushed as Server-Sent Events
 * (GET /events, `event: snapshot`), and two reads on demand: one request's trace with its log
 * lines, and the log lines of a request id.
 */
export function buildConsoleApp(collector: Collector) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.static(PUBLIC, { index: 'index.html' }));

  app.get('/events', (req: Request, res: Response) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    const send = (snapshot: unknown) => res.write(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
    if (collector.snapshot) send(collector.snapshot);
    collector.on('snapshot', send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      collector.off('snapshot', send);
    });
  });

  app.get('/api/snapshot', (_req, res) => {
    res.json(collector.snapshot ?? null);
  });

  app.get('/api/trace/:traceId', async (req, res) => {
    const { traceId } = req.params;
    if (!TRACE_ID.test(traceId)) return badRequest(res, 'a trace id is 16 or 32 lower-case hex digits');
    const zipkin = serviceOf(collector.landscape, 'zipkin')?.url;
    const logtail = serviceOf(collector.landscape, 'logtail')?.url;
    try {
      const [spans, logs] = await Promise.all([
        zipkin ? traceById(zipkin, traceId) : [],
        logtail && traceId.length === 32 ? queryLogs(logtail, { traceId, limit: 200 }) : [],
      ]);
      res.json({ traceId, spans, logs });
    } catch (err) {
      res.status(502).json({ error: { code: 'SOURCE_UNAVAILABLE', message: (err as Error).message } });
    }
  });

  app.get('/api/logs', async (req, res) => {
    const reqId = typeof req.query.reqId === 'string' ? req.query.reqId : undefined;
    if (reqId !== undefined && !REQUEST_ID.test(reqId))
      return badRequest(res, 'a request id is 1–128 of A-Z a-z 0-9 . _ : -');
    const logtail = serviceOf(collector.landscape, 'logtail')?.url;
    if (!logtail) return res.json({ lines: [] });
    try {
      res.json({ lines: await queryLogs(logtail, { ...(reqId ? { reqId } : {}), limit: 200 }) });
    } catch (err) {
      res.status(502).json({ error: { code: 'SOURCE_UNAVAILABLE', message: (err as Error).message } });
    }
  });

  app.use((req, res) =>
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${req.path}` } }),
  );
  return app;
}

function badRequest(res: Response, message: string) {
  res.status(400).json({ error: { code: 'BAD_REQUEST', message } });
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

/** Serves the console on 127.0.0.1 (port 0: any free one) and starts collecting. */
export async function serveConsole(collector: Collector, port = 0): Promise<RunningConsole> {
  collector.start();
  const server = buildConsoleApp(collector).listen(port, LOCAL_HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${LOCAL_HOST}:${bound}/`,
    async close() {
      await collector.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
