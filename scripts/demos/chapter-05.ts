import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { logsCommand } from '../commands/logs';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { type BrokerNames, copyConfigRepo, deleteBrokerNames, ownBrokerNames } from '../lib/demo-setup';
import { pollUntil } from '../lib/poll';
import { checkServers } from '../lib/rabbitmq';
import type { Landscape } from '../lib/runner';
import { pc, say } from '../lib/ui';

const WAIT_MS = 20_000;
const POLL_MS = 200;

interface TailStats {
  forwarded: number;
  queued: number;
  dropped: number;
}

/** A stand-in for Loki's push API that the demo can take down and bring back. */
interface Sink {
  url: string;
  /** Lines received (Loki push: streams[].values[]). */
  received: number;
  down: boolean;
  close(): Promise<void>;
}

let repoCopy: string | undefined;
let sink: Sink | undefined;
let ownNames: BrokerNames | undefined;

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) throw new Error('the landscape is not running');
  return ctx.landscape;
}

async function startSink(): Promise<Sink> {
  const state = { received: 0, down: false };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      if (state.down) {
        res.writeHead(503).end();
        return;
      }
      const push = JSON.parse(body) as { streams: { values: unknown[] }[] };
      state.received += push.streams.reduce((n, s) => n + s.values.length, 0);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/loki/api/v1/push`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

async function stats(ctx: DemoContext): Promise<TailStats> {
  return (await (await fetch(`${running(ctx).url('logtail')}/stats`)).json()) as TailStats;
}

/** GET /accounts/ID with our request id, shown as the curl it stands for. */
async function readWithId(ctx: DemoContext, account: string, requestId: string): Promise<void> {
  const url = `${running(ctx).url('accountservice')}/accounts/${account}`;
  console.log(`  ${pc.green('$')} curl -s -H 'X-Request-ID: ${requestId}' ${url}`);
  const res = await fetch(url, { headers: { 'X-Request-ID': requestId } });
  await res.arrayBuffer();
  say.info(`HTTP ${res.status}, X-Request-ID: ${res.headers.get('x-request-id')}`);
}

/** logtail's lines for a request id, once `enough` holds. */
function linesOf(ctx: DemoContext, reqId: string, enough: (lines: { service: string; level: string }[]) => boolean) {
  return pollUntil(
    `logtail's lines for ${reqId}`,
    async () => {
      const res = await fetch(`${running(ctx).url('logtail')}/logs?reqId=${reqId}`);
      const { lines } = (await res.json()) as { lines: { service: string; level: string }[] };
      return enough(lines) ? lines : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
  );
}

async function cleanup(): Promise<void> {
  if (repoCopy) fs.rmSync(repoCopy, { recursive: true, force: true });
  repoCopy = undefined;
  await sink?.close();
  sink = undefined;
  if (ownNames) {
    const names = ownNames;
    ownNames = undefined;
    await deleteBrokerNames(names);
  }
}

const demo: Demo = {
  title: 'Chapter 5 — structured logs: one request across services, levels live, logtail and its sink',
  steps: [
    {
      narrate:
        'Start the landscape: logtail first, then every service, whose JSON lines the runner sends to logtail as GELF over UDP (as Docker does). logtail forwards them to a log sink (here a stand-in for Loki).',
      shows: 'npm run chapter:5',
      run: async (ctx) => {
        await checkServers(['rabbitmq']);
        repoCopy = copyConfigRepo(ctx.chapter.solutionDir);
        sink = await startSink();
        say.info(`log sink (Loki push API stand-in): ${sink.url}`);
        let env: Record<string, string> = { CONFIG_REPO_DIR: repoCopy, SINK_URL: sink.url, SINK_RETRY_MAX_MS: '1000' };
        if (ctx.auto) {
          const own = ownBrokerNames(5);
          ownNames = own.names;
          env = { ...env, ...own.env };
        }
        await ctx.start({ env });
        say.ok(`logtail: ${running(ctx).url('logtail')}/logs`);
      },
    },
    {
      narrate:
        "Follow one request: read VIP account 10000 with our own X-Request-ID. accountservice passes it to quotes-service (HTTP) and, in the AMQP message's headers, to vipservice. logtail has the whole story.",
      run: async (ctx) => {
        const reqId = `demo-${randomBytes(3).toString('hex')}`;
        await readWithId(ctx, '10000', reqId);
        await linesOf(ctx, reqId, (lines) => new Set(lines.map((l) => l.service)).size >= 3);
        console.log(`  ${pc.green('$')} npm run logs:5 -- --req ${reqId}`);
        await logsCommand(ctx.chapter, { req: reqId, url: running(ctx).url('logtail') });
        say.ok(`request ${reqId} seen by accountservice, quotes-service and vipservice`);
      },
    },
    {
      narrate:
        'Raise a level live: set logging.level.accountservice to debug in the config repository and refresh accountservice over the bus. The same process now writes its debug lines: no restart.',
      run: async (ctx) => {
        const file = path.join(repoCopy as string, 'accountservice-dev.yml');
        const added = 'logging:\n  level:\n    accountservice: debug\n';
        fs.appendFileSync(file, added);
        console.log(pc.green(added.replace(/^/gm, '  + ').trimEnd()));
        const pid = running(ctx).services.find((s) => s.spec.name === 'accountservice')?.process.pid;
        const mark = ctx.output.length;
        await ctx.curl('POST', `${running(ctx).url('configserver')}/actuator/busrefresh/accountservice`);
        const [changed] = await ctx.waitForOutput('accountservice', /logging: levels changed/, {
          since: mark,
          timeoutMs: WAIT_MS,
        });
        say.ok(`accountservice: ${/"msg":"([^"]+)"/.exec(changed)?.[1] ?? changed}`);
        const reqId = `debug-${randomBytes(3).toString('hex')}`;
        await readWithId(ctx, '10001', reqId);
        const lines = await linesOf(ctx, reqId, (found) => found.some((l) => l.level === 'debug'));
        say.ok(
          `${lines.filter((l) => l.level === 'debug').length} debug line(s) for ${reqId}, same process (pid ${pid})`,
        );
      },
    },
    {
      narrate:
        'Stop the log sink: logtail keeps the lines in its bounded queue and retries. Bring the sink back and watch the queue drain, nothing lost.',
      run: async (ctx) => {
        const current = sink as Sink;
        current.down = true;
        say.warn('log sink down (answers 503)');
        for (let i = 0; i < 5; i++) await readWithId(ctx, '10001', `while-down-${i}`);
        const queued = await pollUntil(
          'lines to queue in logtail',
          async () => {
            const s = await stats(ctx);
            return s.queued > 0 ? s : undefined;
          },
          { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
        );
        say.ok(`logtail /stats: ${queued.queued} line(s) queued, ${queued.dropped} dropped`);
        const before = current.received;
        current.down = false;
        say.info('log sink back');
        const drained = await pollUntil(
          'the queue to drain',
          async () => {
            const s = await stats(ctx);
            return s.queued === 0 ? s : undefined;
          },
          { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
        );
        say.ok(
          `queue drained: ${current.received - before} line(s) delivered, ${drained.queued} queued, ${drained.dropped} dropped`,
        );
      },
    },
    shutdownStep('Graceful shutdown: logtail flushes what it still holds to the sink, every service exits 0.', cleanup),
  ],
  cleanup: async () => {
    await cleanup().catch((err: Error) => say.warn(`cleanup: ${err.message}`));
  },
};

export default demo;
