/**
 * Chapter 09's load test, a benchmark (never a timed test): autocannon against accountservice's
 * GET /accounts/:id over the 100 seeded accounts, with its real dependencies (configserver,
 * quotes-service, imageservice; RabbitMQ) started by the chapter's landscape fixture, or against
 * TARGET_URL when a landscape already runs (later: the edge, with a token). Prints p50/p90/p99 and
 * the errors against the objectives below and writes scripts/footprint/results/chapter-09-load.json.
 *   npx tsx solutions/09-testing/bench/load-accountservice.ts [--strict]    (--strict: exit 1 when an objective is missed)
 *   SECONDS=20 CONNECTIONS=50 TARGET_URL=http://127.0.0.1:6767 npx tsx solutions/09-testing/bench/load-accountservice.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type RunningLandscape, startServices } from '../test/fixtures/landscape';
import { uniqueName, withChannel } from '../under-test/common';

const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 20);

/** What we promise for one account read under this load (quote strength 0: accountservice's own cost). */
const OBJECTIVES = { p50Ms: 50, p90Ms: 100, p99Ms: 250, errors: 0 };

async function main() {
  const names = uniqueName('ch09-load');
  let landscape: RunningLandscape | undefined;
  let target = process.env.TARGET_URL;
  if (!target) {
    landscape = await startServices({
      services: ['configserver', 'imageservice', 'quotes-service', 'accountservice'],
      env: {
        VIP_EXCHANGE: `${names}.vip`,
        VIP_QUEUE: `${names}.vip_queue`,
        SPRING_CLOUD_BUS_DESTINATION: `${names}.bus`,
        QUOTES_STRENGTH: '0',
        OTEL_SDK_DISABLED: 'true',
      },
    });
    target = landscape.url('accountservice');
  }
  try {
    let n = 0;
    const result = await autocannon({
      url: target,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 10,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/accounts/${10000 + (n++ % 100)}` }) }],
    });
    const measured = {
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
    };
    const verdicts = Object.fromEntries(
      (Object.keys(OBJECTIVES) as Array<keyof typeof OBJECTIVES>).map((key) => [key, measured[key] <= OBJECTIVES[key]]),
    );
    for (const key of Object.keys(OBJECTIVES) as Array<keyof typeof OBJECTIVES>) {
      const ok = verdicts[key] ? 'met   ' : 'MISSED';
      console.log(`${ok} ${key.padEnd(7)} ${String(measured[key]).padStart(7)}  (objective ≤ ${OBJECTIVES[key]})`);
    }
    console.log(
      `${measured.requests} requests, ${measured.requestsPerSecond} req/s, ${CONNECTIONS} connections, ${SECONDS} s`,
    );
    const results = {
      measured: new Date().toISOString(),
      node: process.version,
      // A load test shares the machine with what it measures: say how busy it was.
      machine: { cpus: os.availableParallelism(), loadAverage1m: os.loadavg()[0] },
      mode: landscape?.mode ?? 'external',
      target: landscape ? 'accountservice (direct)' : target,
      setup: { connections: CONNECTIONS, seconds: SECONDS, quoteStrength: 0, path: '/accounts/10000…10099' },
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
    if (landscape) {
      await withChannel(async (channel) => {
        for (const queue of [`${names}.vip_queue`, `${names}.vip_queue.dlq`]) await channel.deleteQueue(queue);
        for (const exchange of [`${names}.vip`, `${names}.vip.dlx`, `${names}.bus`])
          await channel.deleteExchange(exchange);
      });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
