/**
 * What the edge and the token check add to an account read: the chapter's landscape on free ports
 * (as `npm run chapter:8` runs it, quotes at strength 0), one client-credentials token, then in
 * interleaved rounds the same GET of account 10000
 *   - straight to accountservice (its own token check included: defence in depth), and
 *   - through the edge (HTTPS, the token verified there too, the request relayed),
 * from `CONNECTIONS` keep-alive connections for `SECONDS` each; p50/p99 over every request.
 * The token check alone (jose's jwtVerify with the authserver's keys, in this process) is timed too.
 * Writes scripts/footprint/results/chapter-08-edge.json (the write-up's figures block reads it).
 *   npx tsx solutions/09-testing/bench/edge-latency.ts
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { startLandscape } from '@workshop/testkit';
import { remoteKeys, tokenVerifier } from '../common/auth';
import { landscapeAuth } from '../test/landscape-auth';

const SECONDS = Number(process.env.SECONDS ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 4);
const VERIFICATIONS = 2000;
const chapterDir = path.resolve(__dirname, '..');

type Get = () => Promise<number>;

function getter(url: string, headers: Record<string, string>, ca?: Buffer): Get {
  const secure = url.startsWith('https:');
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: CONNECTIONS, ca })
    : new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const client = secure ? https : http;
  return () =>
    new Promise((resolve, reject) => {
      client
        .get(url, { agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
}

/** `CONNECTIONS` loops, each one request after the other, for `seconds`: every latency in ms. */
async function load(get: Get, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const start = performance.now();
        const status = await get();
        if (status !== 200) throw new Error(`answered ${status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { requests: sorted.length, p50Ms: round(at(50)), p99Ms: round(at(99)) };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const auth = landscapeAuth();
  const landscape = await startLandscape({
    dir: chapterDir,
    ports: 'free',
    // The edge's rate limit (20/s per client) would answer most requests with 429: measured is the
    // way through the edge, so the limit is lifted here (the bucket is still consulted on every request).
    env: {
      ...auth.env,
      QUOTES_STRENGTH: '0',
      LOGGING_LEVEL_ROOT: 'warn',
      RATE_LIMIT_PER_S: '1000000',
      RATE_LIMIT_BURST: '1000000',
    },
  });
  try {
    const headers = await auth.header(landscape);
    const ca = fs.readFileSync(path.join(auth.tlsDir, 'cert.pem'));
    const variants = {
      direct: getter(`${landscape.url('accountservice')}/accounts/10000`, headers),
      edge: getter(`${landscape.url('edge')}/api/accounts/10000`, headers, ca),
    };
    const samples: Record<keyof typeof variants, number[]> = { direct: [], edge: [] };
    // Warm-up: JIT, connections, the JWKS fetched once by each verifier.
    for (const get of Object.values(variants)) await load(get, 1);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of (round % 2 ? ['edge', 'direct'] : ['direct', 'edge']) as (keyof typeof variants)[]) {
        samples[name].push(...(await load(variants[name], SECONDS)));
      }
    }
    // The token check alone: the same verifier the edge and accountservice use, keys cached.
    const verify = tokenVerifier(remoteKeys(`${landscape.url('authserver')}/jwks`), {
      issuer: landscape.url('authserver'),
      audience: 'urn:lean-and-mean:api',
      algorithms: ['RS256', 'ES256'],
      clockToleranceS: 30,
    });
    const token = headers.Authorization.slice('Bearer '.length);
    await verify(token);
    const checks: number[] = [];
    for (let i = 0; i < VERIFICATIONS; i++) {
      const start = performance.now();
      await verify(token);
      checks.push(performance.now() - start);
    }
    const results = {
      measured: new Date().toISOString(),
      node: process.version,
      setup: { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, verifications: VERIFICATIONS },
      direct: percentiles(samples.direct),
      edge: percentiles(samples.edge),
      tokenCheck: percentiles(checks),
    };
    console.log(results);
    const out = path.join(__dirname, '..', '..', '..', 'scripts', 'footprint', 'results', 'chapter-08-edge.json');
    fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await landscape.stop();
    auth.remove();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
