import type { Server } from 'node:http';
import type { Express } from 'express';

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish, then runs `onClosed`. Resolves to an exit code. */
  shutdown(): Promise<number>;
}

export interface ServeOptions {
  /** The address to bind: 0.0.0.0 in a container, 127.0.0.1 in local mode (see bind-host.ts). */
  host: string;
  port: number;
  onClosed: () => Promise<void>;
  /** How long in-flight requests get before their connections are cut. */
  graceMs?: number;
  /**
   * How long keep-alive clients get to leave on their own before idle connections are closed
   * (0: close them at once). Swarm sets it above Node's 5 s keepAliveTimeout for rolling updates.
   */
  drainMs?: number;
}

/** Starts the app on host:port; resolves once it listens (port 0: the OS picks one, see `port`). */
export function serve(
  app: Express,
  { host, port, onClosed, graceMs = 10_000, drainMs = 0 }: ServeOptions,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      resolve({ server, port: boundPort, shutdown: once(() => shutdown(server, onClosed, graceMs, drainMs)) });
    });
  });
}

async function shutdown(
  server: Server,
  onClosed: () => Promise<void>,
  graceMs: number,
  drainMs: number,
): Promise<number> {
  // Responses still being written tell keep-alive clients to reconnect elsewhere.
  server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
  // Drain: closing an idle keep-alive connection now races with a request the client may be
  // sending on it (ECONNRESET on the client). Let clients leave on their own first: each next
  // response says Connection: close, and idle connections end at keepAliveTimeout.
  const drainUntil = Date.now() + drainMs;
  while (Date.now() < drainUntil && (await openConnections(server)) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((_err, count) => resolve(count ?? 0)));
}
