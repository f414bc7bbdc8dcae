import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigLogger } from '../load-config';

/** A logger that keeps every line and lets a test wait (without sleeping) for the one it expects. */
export function captureLogger() {
  const lines: string[] = [];
  const waiting: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const push = (line: string) => {
    lines.push(line);
    for (const waiter of [...waiting]) {
      if (waiter.pattern.test(line)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const logger: ConfigLogger = { info: push, warn: push };
  return {
    logger,
    lines,
    text: () => lines.join('\n'),
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        if (lines.some((line) => pattern.test(line))) resolve();
        else waiting.push({ pattern, resolve });
      }),
  };
}

export type StubAnswer = { status: number; body: string } | 'hang';

export interface StubServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A stand-in config server on a free port answering recorded responses. */
export async function stubConfigServer(answer: (path: string, count: number) => StubAnswer): Promise<StubServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const reply = answer(req.url ?? '', requests.length);
    if (reply === 'hang') return; // never answers: the client's timeout must fire
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (body: unknown, status = 200): StubAnswer => ({ status, body: JSON.stringify(body) });
