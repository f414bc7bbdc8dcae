/**
 * A bounded load generator that runs INSIDE the swarm, in a container on the stack's overlay
 * network (esbuild bundles this file; it uses Node built-ins only). It reaches the service by its
 * name, the way other services do: with `endpoint_mode: dnsrr` every lookup of the name returns
 * the tasks' own addresses, so the load spreads over the replicas and follows them when a rolling
 * update replaces them. Two kinds of client share the load, because they fail differently:
 *   - "fresh": a new connection and a new DNS lookup per request (how accountservice calls
 *     quotes-service: no keep-alive);
 *   - "keepalive": a pool of reused connections (browsers, proxies, most HTTP clients), which
 *     stay attached to an old task until the server closes them.
 * Sends a fixed rate until SIGTERM, `maxMs` or `maxRequests`; waits for what is in flight; prints
 * one JSON line per second ("progress") and a final "summary" line.
 */
import http from 'node:http';

export interface ModeStats {
  sent: number;
  ok: number;
  failed: number;
  /** Failure reason → count: "HTTP 503", "ECONNRESET", "ECONNREFUSED", "timeout", … */
  errors: Record<string, number>;
  /** The body's `servedBy` → count: which replicas answered. */
  servedBy: Record<string, number>;
  /**
   * Where the failed requests went: the address the name resolved to (an old task, a new one?),
   * or "(no address)" when the lookup itself failed or never finished.
   */
  failedTo: Record<string, number>;
  /** Name lookups that took longer than a second (Swarm's DNS answers from dockerd). */
  slowLookups: number;
}

export interface LoadSummary {
  type: 'summary';
  durationMs: number;
  modes: Record<'fresh' | 'keepalive', ModeStats>;
}

export interface LoadOptions {
  /** e.g. http://accountservice:6767/accounts/ — the id is appended, cycling 10000…10099. */
  urlPrefix: string;
  ratePerSecond: number;
  maxMs: number;
  maxRequests: number;
}

const REQUEST_TIMEOUT_MS = 5000;

function emptyStats(): ModeStats {
  return { sent: 0, ok: 0, failed: 0, errors: {}, servedBy: {}, failedTo: {}, slowLookups: 0 };
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export function runLoad(
  options: LoadOptions,
  print: (line: string) => void,
): { stop(): void; done: Promise<LoadSummary> } {
  const keepAliveAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const modes = { fresh: emptyStats(), keepalive: emptyStats() };
  const started = Date.now();
  let inFlight = 0;
  let sent = 0;
  let stopping = false;
  let finish: (summary: LoadSummary) => void = () => {};
  const done = new Promise<LoadSummary>((resolve) => (finish = resolve));

  const send = () => {
    const mode = sent % 2 === 0 ? 'fresh' : 'keepalive';
    const stats = modes[mode];
    const url = `${options.urlPrefix}${10000 + (sent % 100)}`;
    sent++;
    stats.sent++;
    inFlight++;
    let settled = false;
    let address = '(no address)';
    const settle = (failure?: string, servedBy?: string) => {
      if (settled) return;
      settled = true;
      inFlight--;
      if (failure) {
        stats.failed++;
        count(stats.errors, failure);
        count(stats.failedTo, address);
      } else {
        stats.ok++;
        count(stats.servedBy, servedBy ?? '?');
      }
    };
    const agent = mode === 'fresh' ? false : keepAliveAgent;
    const req = http.get(url, { agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', (err: NodeJS.ErrnoException) => settle(err.code ?? err.message));
      res.on('end', () => {
        if (res.statusCode !== 200) return settle(`HTTP ${res.statusCode}`);
        try {
          settle(undefined, String((JSON.parse(body) as { servedBy?: unknown }).servedBy));
        } catch {
          settle('invalid JSON body');
        }
      });
    });
    req.on('socket', (socket) => {
      // A reused keep-alive socket is connected already; a new one reports its lookup.
      if (socket.remoteAddress) address = socket.remoteAddress;
      const lookupStarted = Date.now();
      socket.once('lookup', (_err: Error | null, resolved: string) => {
        address = resolved ?? address;
        if (Date.now() - lookupStarted > 1000) stats.slowLookups++;
      });
      socket.once('connect', () => (address = socket.remoteAddress ?? address));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', (err: NodeJS.ErrnoException & { address?: string }) => {
      if (err.address) address = err.address;
      settle(err.code ?? err.message);
    });
  };

  // A fixed rate, in small steps every 10 ms (no bursts), carrying fractions over.
  let owed = 0;
  const perTick = options.ratePerSecond / 100;
  const ticker = setInterval(() => {
    owed += perTick;
    while (owed >= 1 && sent < options.maxRequests) {
      owed--;
      send();
    }
    if (sent >= options.maxRequests || Date.now() - started >= options.maxMs) stop();
  }, 10);
  const reporter = setInterval(
    () => print(JSON.stringify({ type: 'progress', elapsedMs: Date.now() - started, sent, inFlight, modes })),
    1000,
  );

  function stop(): void {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    const waiter = setInterval(() => {
      if (inFlight > 0) return;
      clearInterval(waiter);
      clearInterval(reporter);
      keepAliveAgent.destroy();
      const summary: LoadSummary = { type: 'summary', durationMs: Date.now() - started, modes };
      print(JSON.stringify(summary));
      finish(summary);
    }, 20);
  }
  return { stop, done };
}

/** Entry point inside the container: `node load-client.js '<LoadOptions as JSON>'`. */
if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
  const load = runLoad(options, (line) => console.log(line));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => load.stop());
  void load.done.then(() => process.exit(0));
}
