/**
 * Chapter 09's load test, a benchmark (never a timed test): autocannon THROUGH THE EDGE, as a client
 * calls the API: HTTPS, a client-credentials access token from the authserver in every request's
 * Authorization header, GET /api/accounts/:id over the 100 seeded accounts. By default it starts the
 * chapter's whole landscape itself (free ports, as `npm run chapter:9` runs it, quotes at strength 0,
 * services logging at warn, the edge's rate limit lifted: measured is the way through the edge, not
 * the 429s); or it loads TARGET_URL, the edge of a landscape that already runs. Prints p50/p90/p99 and
 * the errors (connection errors, timeouts, non-2xx) against the objectives below and writes
 * scripts/footprint/results/chapter-09-load.json.
 *   npx tsx solutions/09-testing/bench/load-accountservice.ts [--strict]    (--strict: exit 1 when an objective is missed)
 *   SECONDS=20 CONNECTIONS=50 npx tsx solutions/09-testing/bench/load-accountservice.ts
 *   TARGET_URL=https://127.0.0.1:8765 npx tsx solutions/09-testing/bench/load-accountservice.ts
 *     (a running `npm run chapter:9`: the token comes from AUTHSERVER_URL, default http://127.0.0.1:9999,
 *     as client CLIENT_ID (default edge) with the secret in KEYS_DIR (default the chapter's
 *     authserver/.keys/), or give ACCESS_TOKEN; the edge there limits each client to 20 requests/s,
 *     so start it with RATE_LIMIT_PER_S=1000000 RATE_LIMIT_BURST=1000000 or count 429s as errors)
 * The edge's certificate is self-signed: autocannon never checks a server certificate (it connects
 * with rejectUnauthorized: false whatever it is given), which is acceptable for a benchmark only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type Landscape, startLandscape } from '@workshop/testkit';
import { landscapeAuth } from '../test/landscape-auth';
import { uniqueName, withChannel } from '../under-test/common';

const chapterDir = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);

/** What we promise for one account read through the edge under this load (quote strength 0). */
export const OBJECTIVES = { p50Ms: 50, p90Ms: 100, p99Ms: 250, errors: 0 };

export interface LoadRun {
  /** The edge's base URL (https://…). */
  url: string;
  authorization: string;
  connections: number;
  seconds: number;
  /** The edge's certificate (autocannon does not check it: documentation for the reader). */
  ca?: Buffer;
}

/** Loads GET /api/accounts/:id over the 100 seeded accounts and judges the figures against OBJECTIVES. */
export async function loadThroughEdge({ url, authorization, connections, seconds, ca }: LoadRun) {
  let n = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { authorization },
    ...(ca ? { tlsOptions: { ca } } : {}),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/accounts/${10000 + (n++ % 100)}` }) }],
  });
  const measured = {
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
  };
  const keys = Object.keys(OBJECTIVES) as Array<keyof typeof OBJECTIVES>;
  const verdicts = Object.fromEntries(keys.map((key) => [key, measured[key] <= OBJECTIVES[key]])) as Record<
    keyof typeof OBJECTIVES,
    boolean
  >;
  const lines = keys.map(
    (key) =>
      `${verdicts[key] ? 'met   ' : 'MISSED'} ${key.padEnd(7)} ${String(measured[key]).padStart(7)}  (objective ≤ ${OBJECTIVES[key]})`,
  );
  return { measured, verdicts, lines };
}

/** A client-credentials token from a running authserver (TARGET_URL mode). */
async function tokenFromRunningAuthserver(): Promise<string> {
  if (process.env.ACCESS_TOKEN) return process.env.ACCESS_TOKEN;
  const authUrl = process.env.AUTHSERVER_URL ?? 'http://127.0.0.1:9999';
  const clientId = process.env.CLIENT_ID ?? 'edge';
  const keysDir = process.env.KEYS_DIR ?? path.join(chapterDir, 'authserver', '.keys');
  const secret = readFileSync(path.join(keysDir, `client-secret-${clientId}`), 'utf8').trim();
  const res = await fetch(`${authUrl}/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'accounts:read' }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`no token for ${clientId}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function main() {
  const names = uniqueName('ch09-load');
  const auth = landscapeAuth();
  let landscape: Landscape | undefined;
  let target = process.env.TARGET_URL;
  let authorization: string;
  try {
    if (!target) {
      landscape = await startLandscape({
        dir: chapterDir,
        ports: 'free',
        env: {
          ...auth.env,
          VIP_EXCHANGE: `${names}.vip`,
          VIP_QUEUE: `${names}.vip_queue`,
          SPRING_CLOUD_BUS_DESTINATION: `${names}.bus`,
          QUOTES_STRENGTH: '0',
          LOGGING_LEVEL_ROOT: 'warn',
          RATE_LIMIT_PER_S: '1000000',
          RATE_LIMIT_BURST: '1000000',
        },
      });
      target = landscape.url('edge');
      authorization = (await auth.header(landscape)).Authorization;
    } else {
      authorization = `Bearer ${await tokenFromRunningAuthserver()}`;
    }
    const { measured, verdicts, lines } = await loadThroughEdge({
      url: target,
      authorization,
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    for (const line of lines) console.log(line);
    console.log(
      `${measured.requests} requests, ${measured.requestsPerSecond} req/s, ${CONNECTIONS} connections, ${SECONDS} s`,
    );
    const results = {
      measured: new Date().toISOString(),
      node: process.version,
      // A load test shares the machine with what it measures: say how busy it was.
      machine: { cpus: os.availableParallelism(), loadAverage1m: os.loadavg()[0] },
      mode: landscape ? 'local' : 'external',
      target: landscape ? 'edge (the landscape started by the bench)' : target,
      through: 'edge',
      setup: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        quoteStrength: landscape ? 0 : null,
        path: '/api/accounts/10000…10099',
        https: true,
        token: 'client credentials (edge, accounts:read), one for the run',
      },
      objectives: OBJECTIVES,
      figures: measured,
      met: verdicts,
    };
    const dir = path.join(__dirname, '..', '..', '..', 'scripts', 'footprint', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'chapter-09-load.json'), `${JSON.stringify(results, null, 2)}\n`);
    if (process.argv.includes('--strict') && Object.values(verdicts).includes(false)) process.exitCode = 1;
  } finally {
    await landscape?.stop();
    auth.remove();
    if (landscape) {
      await withChannel(async (channel) => {
        for (const queue of [`${names}.vip_queue`, `${names}.vip_queue.dlq`]) await channel.deleteQueue(queue);
        for (const exchange of [`${names}.vip`, `${names}.vip.dlx`, `${names}.bus`])
          await channel.deleteExchange(exchange);
      });
    }
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
