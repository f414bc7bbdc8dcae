import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mode =
  | { kind: 'up' }
  | { kind: 'fail'; status: number }
  /** Fails the next `times` requests, then answers. */
  | { kind: 'fail-times'; times: number; status: number }
  | { kind: 'hang' }
  | { kind: 'slow'; delayMs: number };

/**
 * A real HTTP server standing in for a dependency (quotes-service, imageservice): it counts every
 * request it receives and every request its client gave up on, and can answer, fail, hang or be slow.
 */
export interface DependencyServer {
  url: string;
  mode: Mode;
  /** Requests received. */
  readonly received: number;
  /** Requests whose connection the client closed before the answer (the breaker's abort). */
  readonly aborted: number;
  /** TCP connections clients opened: kept-alive calls share one. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startDependencyServer(body: (path: string) => unknown): Promise<DependencyServer> {
  const state = { received: 0, aborted: 0, connections: 0, mode: { kind: 'up' } as Mode };
  const server = http.createServer((req, res) => {
    state.received++;
    res.on('close', () => {
      if (!res.writableFinished) state.aborted++;
    });
    const answer = () => {
      if (res.destroyed) return;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body(req.url ?? '/')));
    };
    const mode = state.mode;
    if (mode.kind === 'up') answer();
    else if (mode.kind === 'fail-times' && mode.times > 0) {
      mode.times--;
      res.writeHead(mode.status).end();
    } else if (mode.kind === 'fail-times') answer();
    else if (mode.kind === 'fail') res.writeHead(mode.status).end('{"error":{"code":"CHAOS","message":"failing"}}');
    else if (mode.kind === 'slow') setTimeout(answer, mode.delayMs);
    // 'hang': never answers
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: Mode) {
      state.mode = mode;
    },
    get received() {
      return state.received;
    },
    get aborted() {
      return state.aborted;
    },
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it holds (no fixed sleeps); fails with `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
