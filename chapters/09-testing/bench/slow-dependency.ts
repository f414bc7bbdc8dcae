/**
 * goblog P11's measurement, run locally: an accountservice-like endpoint that needs a quote,
 * while quotes-service takes `DELAY_MS` to answer, with and without the breaker (timeout 200 ms).
 * Prints p50/p99 and req/s for both and writes them to scripts/footprint/results/chapter-07-hang.json
 * (the write-up's figures block reads it).
 *   npx tsx solutions/09-testing/bench/slow-dependency.ts
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { BreakerRegistry, DEFAULT_BREAKER_SETTINGS, FALLBACK_QUOTE, RetryBudget, getJson } from '../common/resilience';
import { quoteClient } from '../accountservice/src/clients/quote-client';

const DELAY_MS = Number(process.env.DELAY_MS ?? 3000);
const SECONDS = Number(process.env.SECONDS ?? 8);
const CONNECTIONS = 20;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function run(name: string, fetchQuote: () => Promise<unknown>) {
  const app = express();
  app.get('/accounts/:id', async (req, res) => {
    res.json({ id: req.params.id, name: 'Person_1', quote: await fetchQuote() });
  });
  const server = http.createServer(app);
  const url = await listen(server);
  const result = await autocannon({
    url: `${url}/accounts/10001`,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
  });
  server.closeAllConnections();
  server.close();
  const figures = {
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.average,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  console.log(name, figures);
  return figures;
}

async function main() {
  const slow = http.createServer((_req, res) =>
    setTimeout(() => res.end(JSON.stringify({ quote: 'q', ipAddress: 'x', language: 'en' })), DELAY_MS),
  );
  slow.keepAliveTimeout = 0;
  const quotesUrl = await listen(slow);
  const withoutBreaker = await run('without breaker', () =>
    getJson(`${quotesUrl}/api/quote?strength=4`, new AbortController().signal),
  );
  const registry = new BreakerRegistry(() => ({
    ...DEFAULT_BREAKER_SETTINGS,
    timeoutMs: 200,
    volumeThreshold: 10,
    resetTimeoutMs: 5000,
  }));
  const withBreaker = await run(
    'with breaker',
    quoteClient({ baseUrl: quotesUrl, registry, budget: new RetryBudget(), maxAttempts: 3 }),
  );
  registry.shutdown();
  slow.closeAllConnections();
  slow.close();
  const results = {
    measured: new Date().toISOString(),
    node: process.version,
    setup: {
      quotesDelayMs: DELAY_MS,
      breakerTimeoutMs: 200,
      connections: CONNECTIONS,
      seconds: SECONDS,
      fallback: FALLBACK_QUOTE.quote,
    },
    withoutBreaker,
    withBreaker,
  };
  const out = path.join(__dirname, '..', '..', '..', 'scripts', 'footprint', 'results', 'chapter-07-hang.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
