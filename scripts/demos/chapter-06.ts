import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { type TailLine, formatLine } from '../commands/logs';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { type BrokerNames, copyConfigRepo, deleteBrokerNames, ownBrokerNames } from '../lib/demo-setup';
import { pollUntil } from '../lib/poll';
import { checkServers } from '../lib/rabbitmq';
import type { Landscape } from '../lib/runner';
import { type TraceStoreProcess, newB3Trace, newTraceparent, startTraceStore, waitForTrace } from '../lib/trace-store';
import { pc, say } from '../lib/ui';
import { type ZipkinSpan, formatMs, serviceOf, slowestLeaf, traceDuration, waterfall } from '../lib/waterfall';

const WAIT_MS = 20_000;
const POLL_MS = 200;
const VIP_ACCOUNT = '10000';
/** quotes-service's most expensive quote (2^10 rounds of its CPU burn). */
const SLOW_STRENGTH = 10;
const TRACED = ['accountservice', 'quotes-service', 'vipservice'];

let repoCopy: string | undefined;
let ownNames: BrokerNames | undefined;
/** The trace store the demo started again after stopping the landscape's own. */
let restarted: TraceStoreProcess | undefined;
/** The slow read's trace (step 3), whose log lines step 4 finds. */
let slowTraceId: string | undefined;

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) throw new Error('the landscape is not running: step 1 starts it (npm run chapter:6)');
  return ctx.landscape;
}

/** GET /accounts/ID with trace headers, shown as the curl it stands for; the status must be 200. */
async function readAccount(ctx: DemoContext, headers: Record<string, string>, quiet = false): Promise<number> {
  const url = `${running(ctx).url('accountservice')}/accounts/${VIP_ACCOUNT}`;
  const flags = Object.entries(headers).map(([name, value]) => `-H '${name}: ${value}' `);
  if (!quiet) console.log(`  ${pc.green('$')} curl -s ${flags.join('')}${url}`);
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return res.status;
}

/** A trace holding the SERVER span of each traced service and the quote's CPU burn. */
function complete(spans: ZipkinSpan[]): boolean {
  const servers = new Set(spans.filter((s) => s.kind === 'SERVER' || s.kind === 'CONSUMER').map(serviceOf));
  return TRACED.every((service) => servers.has(service)) && spans.some((s) => s.name === 'quote.burn-cpu');
}

/** Reads one account in a new trace, waits for its spans in Zipkin and prints the waterfall. */
async function traceOneRead(ctx: DemoContext, trace = newTraceparent()): Promise<ZipkinSpan[]> {
  const status = await readAccount(ctx, trace.headers);
  if (status !== 200) throw new Error(`GET /accounts/${VIP_ACCOUNT} answered ${status}`);
  const zipkin = running(ctx).url('zipkin');
  const spans = await waitForTrace(zipkin, trace.traceId, complete, { timeoutMs: WAIT_MS, intervalMs: POLL_MS });
  console.log(`  ${pc.green('$')} curl -s ${zipkin}/api/v2/trace/${trace.traceId}`);
  for (const line of waterfall(spans)) console.log(`  ${line}`);
  say.ok(
    `trace ${trace.traceId}: ${spans.length} spans from ${[...new Set(spans.map(serviceOf))].join(', ')}, ${formatMs(traceDuration(spans))}`,
  );
  say.info(`open ${zipkin}/zipkin/#${trace.traceId}`);
  return spans;
}

/** The store the services send to now: the one the demo restarted, else the landscape's own zipkin. */
async function stopTraceStore(ctx: DemoContext): Promise<number | null> {
  if (restarted) {
    const code = await restarted.stop();
    restarted = undefined;
    return code;
  }
  const zipkin = running(ctx).services.find((s) => s.spec.name === 'zipkin');
  if (!zipkin) throw new Error(`chapter ${ctx.chapter.number}'s landscape has no zipkin service`);
  const child = zipkin.process;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit') as Promise<[number | null]>;
  child.kill('SIGTERM');
  return (await exited)[0];
}

/** `quotes.strength` set in the config repository's accountservice-dev.yml (under its `quotes:` key when it has one). */
function setQuoteStrength(repo: string, strength: number): void {
  const file = path.join(repo, 'accountservice-dev.yml');
  const text = fs.readFileSync(file, 'utf8');
  const line = `  strength: ${strength}\n`;
  fs.writeFileSync(
    file,
    /^quotes:\n/m.test(text) ? text.replace(/^quotes:\n/m, `quotes:\n${line}`) : `${text}quotes:\n${line}`,
  );
  console.log(pc.green(`  + quotes:\n  +   strength: ${strength}   (${path.basename(file)})`));
}

async function cleanup(): Promise<void> {
  if (restarted) {
    const code = await restarted.stop();
    restarted = undefined;
    say.info(`the restarted zipkin exited with code ${code}`);
  }
  if (repoCopy) fs.rmSync(repoCopy, { recursive: true, force: true });
  repoCopy = undefined;
  slowTraceId = undefined;
  if (ownNames) {
    const names = ownNames;
    ownNames = undefined;
    await deleteBrokerNames(names);
  }
}

const demo: Demo = {
  title:
    'Chapter 6 — tracing: one request as a waterfall, a slow quote found, logs by trace id, a trace store that fails',
  steps: [
    {
      narrate:
        "Start the landscape: zipkin (the trace store, speaking Zipkin's v2 API) first, then logtail and every service, each with OpenTelemetry loaded before its own code. Spans go to zipkin in batches.",
      shows: 'npm run chapter:6',
      run: async (ctx) => {
        await checkServers(['rabbitmq']);
        repoCopy = copyConfigRepo(ctx.chapter.solutionDir);
        // A short batch delay: traces show up a moment after the request, not a second later.
        let env: Record<string, string> = { CONFIG_REPO_DIR: repoCopy, TRACING_EXPORT_DELAY_MS: '200' };
        if (ctx.auto) {
          const own = ownBrokerNames(6);
          ownNames = own.names;
          env = { ...env, ...own.env };
        }
        await ctx.start({ env });
        say.ok(`traces: ${running(ctx).url('zipkin')}/zipkin/`);
      },
    },
    {
      narrate:
        "One request as a trace: read VIP account 10000, starting the trace ourselves with a traceparent header so we know its id. accountservice's SERVER span holds the store query, the CLIENT call to quotes-service (whose SERVER span and CPU burn hang below it) and the VIP message, consumed in vipservice: one trace across HTTP and AMQP.",
      run: async (ctx) => {
        await traceOneRead(ctx);
      },
    },
    {
      narrate: `Make the quote slow: set quotes.strength to ${SLOW_STRENGTH} in the config repository and refresh accountservice over the bus. The next trace shows where the time went, without reading a single log line.`,
      run: async (ctx) => {
        setQuoteStrength(repoCopy as string, SLOW_STRENGTH);
        const mark = ctx.output.length;
        await ctx.curl('POST', `${running(ctx).url('configserver')}/actuator/busrefresh/accountservice`);
        const [refreshed] = await ctx.waitForOutput('accountservice', /config: refreshed from/, {
          since: mark,
          timeoutMs: WAIT_MS,
        });
        if (/needs a restart \[[^\]]*quotes\.strength/.test(refreshed) || !/quotes\.strength/.test(refreshed)) {
          const said = /"msg":"([^"]+)"/.exec(refreshed)?.[1] ?? refreshed;
          throw new Error(`accountservice did not apply quotes.strength live (is it among its LIVE_KEYS?): ${said}`);
        }
        say.ok('accountservice: quotes.strength changed, no restart');
        const spans = await traceOneRead(ctx);
        const slowest = slowestLeaf(spans) as ZipkinSpan;
        const burn = spans.find((s) => s.name === 'quote.burn-cpu');
        say.ok(
          `slowest piece of work: ${slowest.name} in ${serviceOf(slowest)}, ${formatMs(slowest.duration ?? 0)} of the request's ${formatMs(traceDuration(spans))}`,
        );
        say.info(`quote.burn-cpu carries quote.strength=${burn?.tags?.['quote.strength'] ?? '?'}`);
        slowTraceId = spans[0].traceId;
      },
    },
    {
      narrate:
        "From the trace to its logs: every log line written inside a span carries its trace_id, so logtail finds the slow request's lines in every service by the trace id alone.",
      run: async (ctx) => {
        const traceId = slowTraceId ?? (await traceOneRead(ctx))[0].traceId;
        const url = `${running(ctx).url('logtail')}/logs?traceId=${traceId}`;
        console.log(`  ${pc.green('$')} curl -s '${url}'`);
        const lines = await pollUntil(
          `logtail's lines for trace ${traceId} from accountservice and quotes-service`,
          async () => {
            const res = await fetch(url);
            if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
            const found = ((await res.json()) as { lines: TailLine[] }).lines;
            const services = new Set(found.map((l) => l.service));
            return services.has('accountservice') && services.has('quotes-service') ? found : undefined;
          },
          { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
        );
        const names = running(ctx).manifest.services.map((s) => s.name);
        const sorted = [...lines].sort((a, b) => a.time.localeCompare(b.time));
        for (const line of sorted) console.log(`  ${formatLine(line, names)}`);
        say.ok(
          `${lines.length} line(s) of trace ${traceId} from ${[...new Set(sorted.map((l) => l.service))].join(', ')}`,
        );
      },
    },
    {
      narrate:
        'Stop the trace store. Requests do not wait for it: spans are sent in the background, so every read still answers 200, and each service says once that it is dropping spans. Then bring zipkin back, and send a trace the way Spring Cloud Sleuth and Zuul do, in B3 headers.',
      run: async (ctx) => {
        const zipkin = running(ctx).services.find((s) => s.spec.name === 'zipkin');
        if (!zipkin) throw new Error(`chapter ${ctx.chapter.number}'s landscape has no zipkin service`);
        const code = await stopTraceStore(ctx);
        say.warn(`zipkin stopped (exit code ${code}): nothing answers on ${zipkin.url}`);
        const mark = ctx.output.length;
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push(await readAccount(ctx, newTraceparent().headers, i > 0));
        say.info(`5 reads while the store is down: HTTP ${statuses.join(', ')}`);
        if (statuses.some((s) => s !== 200)) throw new Error('a request failed while the trace store was down');
        const [warning] = await ctx.waitForOutput('accountservice', /tracing: cannot send spans/, {
          since: mark,
          timeoutMs: WAIT_MS,
        });
        say.ok(`accountservice: ${/tracing: [^"]+/.exec(warning)?.[0] ?? warning}`);

        const back = ctx.output.length;
        restarted = await startTraceStore(
          path.join(ctx.chapter.solutionDir, zipkin.spec.entry),
          zipkin.port,
          (line) => {
            ctx.output.push({ service: 'zipkin', line });
            console.log(pc.dim(`    zipkin (restarted) │ ${line}`));
          },
        );
        say.info(`zipkin back on ${zipkin.url} (empty: it keeps traces in memory)`);
        await traceOneRead(ctx, newB3Trace());
        const [recovered] = await ctx.waitForOutput('accountservice', /tracing: trace store at .* is back/, {
          since: back,
          timeoutMs: WAIT_MS,
        });
        const dropped = /\((\d+) span\(s\) dropped/.exec(recovered)?.[1] ?? '?';
        say.ok(`accountservice dropped ${dropped} span(s) while the store was down; every request answered 200`);
      },
    },
    shutdownStep('Graceful shutdown: each service sends its last spans, then every service exits 0.', cleanup),
  ],
  cleanup: async () => {
    await cleanup().catch((err: Error) => say.warn(`cleanup: ${err.message}`));
  },
};

export default demo;
