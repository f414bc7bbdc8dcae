import type { Server } from 'node:http';
import type { Express } from 'express';

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish, then runs `onClosed`. Resolves to an exit code. */
  shutdown(): Promise<number>;
}

export interface ServeOptions {
  /** The address to bind: 0.0.0.0 in a container, 127.0.0.1 in local mode. */
  host: string;
  port: number;
  onClosed: () => Promise<void>;
  /** How long in-flight requests get before their connections are cut. */
  graceMs?: number;
}

export function serve(app: Express, { host, port, onClosed, graceMs = 10_000 }: ServeOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      resolve({ server, port: boundPort, shutdown: once(() => shutdown(server, onClosed, graceMs)) });
    });
  });
}

async function shutdown(server: Server, onClosed: () => Promise<void>, graceMs: number): Promise<number> {
  // Responses still being written tell keep-alive clients to reconnect elsewhere.
  server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
    timer.unref();
  });
  const outcome = await Promise.race([closed, gaveUp]);
  clearTimeout(timer);
  if (outcome === 'timeout') server.closeAllConnections();
  await onClosed();
  return outcome === 'timeout' ? 1 : 0;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}
