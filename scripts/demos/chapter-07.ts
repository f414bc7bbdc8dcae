import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LandscapeView } from '../../solutions/07-breakers/common/discovery/aggregator';
import type { BreakerSnapshot } from '../../solutions/07-breakers/common/resilience/breaker-events';
import { FALLBACK_QUOTE, PLACEHOLDER_IMAGE_URL } from '../../solutions/07-breakers/common/resilience/fallbacks';
import { type RunningPrometheus, startPrometheus } from '../../solutions/07-breakers/prometheus/run-prometheus';
import { type ScrapeTarget, writePrometheusConfig } from '../../solutions/07-breakers/prometheus/scrape-config';
import { type BrokerNames, deleteBrokerNames, ownBrokerNames } from '../lib/demo-setup';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { hasCommand } from '../lib/docker';
import { pollUntil } from '../lib/poll';
import { LOCAL_HOST, freePort, isPortFree } from '../lib/ports';
import { checkServers } from '../lib/rabbitmq';
import type { Landscape } from '../lib/runner';
import { pc, say } from '../lib/ui';

const WAIT_MS = 30_000;
const POLL_MS = 200;
/** The pause between two reads of the demo's steady traffic. */
const TRAFFIC_PAUSE_MS = 200;
/** imageservice's added latency in the bulkhead step: slow, but within the imageservice breaker's timeout. */
const SLOW_IMAGE_MS = 1200;
const PROMETHEUS_PORT = 9090;

interface Account {
  id: string;
  quote: { quote: string; ipAddress: string };
  imageData: { id: string; url: string; servedBy: string };
}

let prometheus: RunningPrometheus | undefined;
let prometheusDir: string | undefined;
let ownNames: BrokerNames | undefined;

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) {
    throw new Error('the landscape is not running: step 1 starts it (run the demo again from the start)');
  }
  return ctx.landscape;
}

function url(ctx: DemoContext, service: string): string {
  return running(ctx).url(service);
}

async function getJson<T>(target: string): Promise<T> {
  const res = await fetch(target);
  if (!res.ok) throw new Error(`GET ${target} answered ${res.status}`);
  return (await res.json()) as T;
}

/** accountservice's breakers (GET /breakers), by name. */
async function breakers(ctx: DemoContext): Promise<Map<string, BreakerSnapshot>> {
  const { breakers: list } = await getJson<{ breakers: BreakerSnapshot[] }>(`${url(ctx, 'accountservice')}/breakers`);
  return new Map(list.map((b) => [b.name, b]));
}

async function breaker(ctx: DemoContext, name: string): Promise<BreakerSnapshot> {
  const found = (await breakers(ctx)).get(name);
  if (!found) throw new Error(`accountservice's GET /breakers lists no "${name}" breaker`);
  return found;
}

/** Stops quotes-service (0) or starts it again (1), as `docker service scale` would. */
async function scaleQuotes(ctx: DemoContext, replicas: 0 | 1): Promise<void> {
  await running(ctx).scale('quotes-service', replicas);
  if (replicas === 0) say.warn('quotes-service: stopped (0 replicas)');
  else say.ok('quotes-service: 1 replica listening');
}

/** Waits until accountservice's breaker `name` is in `state`; resolves to its snapshot then. */
function breakerInState(ctx: DemoContext, name: string, state: BreakerSnapshot['state']): Promise<BreakerSnapshot> {
  return pollUntil(
    `the ${name} breaker to be ${state}`,
    async () => {
      const b = await breaker(ctx, name);
      return b.state === state ? b : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
  );
}

function describe(b: BreakerSnapshot): string {
  const w = b.window;
  return `${b.name} ${b.state} (window: ${w.fires} calls, ${w.failures} failed, ${w.timeouts} timed out, ${w.rejects} short-circuited, ${w.semaphoreRejections} rejected by the bulkhead; ${b.inFlight}/${b.capacity} in flight)`;
}

async function showBreakers(ctx: DemoContext): Promise<void> {
  console.log(`  ${pc.green('$')} curl -s ${url(ctx, 'accountservice')}/breakers`);
  for (const b of (await breakers(ctx)).values()) say.info(describe(b));
}

const SEMAPHORE_LOCKED = 'circuit_breaker_events_total{breaker="imageservice",event="semaphoreLocked"}';

/**
 * How many calls imageservice's bulkhead has rejected since accountservice started: a counter from
 * its /metrics (GET /breakers counts over a rolling window, which a slow step could outlast).
 */
async function bulkheadRejections(ctx: DemoContext): Promise<number> {
  const text = await (await fetch(`${url(ctx, 'accountservice')}/metrics`)).text();
  const prefix = SEMAPHORE_LOCKED.slice(0, -1); // the series also carries service and instance_id labels
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** GET /accounts/ID: the status and the account (its quote and image may be fallbacks). */
async function readAccount(ctx: DemoContext, id: string): Promise<{ status: number; account?: Account }> {
  const res = await fetch(`${url(ctx, 'accountservice')}/accounts/${id}`);
  if (!res.ok) {
    await res.arrayBuffer();
    return { status: res.status };
  }
  return { status: res.status, account: (await res.json()) as Account };
}

const isFallbackQuote = (a: Account | undefined) => a?.quote.ipAddress === FALLBACK_QUOTE.ipAddress;
const isPlaceholder = (a: Account | undefined) => a?.imageData.url === PLACEHOLDER_IMAGE_URL;

/** POST /chaos on a service (quotes-service, imageservice), shown as the curl it stands for. */
async function setChaos(ctx: DemoContext, service: string, settings: { failureRate?: number; latencyMs?: number }) {
  const target = `${url(ctx, service)}/chaos`;
  const body = JSON.stringify(settings);
  console.log(`  ${pc.green('$')} curl -s -X POST -H 'content-type: application/json' -d '${body}' ${target}`);
  const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${target} answered ${res.status}: ${text}`);
  say.info(`HTTP ${res.status} ${text}`);
}

/** The running services that serve Prometheus metrics (GET /metrics answers), as scrape targets. */
async function metricsTargets(ctx: DemoContext): Promise<ScrapeTarget[]> {
  const services = running(ctx).services;
  const serving = await Promise.all(
    services.map((s) =>
      fetch(`${s.url}/metrics`).then(
        async (res) => (await res.arrayBuffer(), res.ok),
        () => false,
      ),
    ),
  );
  return services
    .filter((_, i) => serving[i])
    .map((s) => ({ service: s.spec.name, address: `${LOCAL_HOST}:${s.port}` }));
}

/**
 * Starts the real Prometheus scraping this run's services (their ports may be free ones), on 9090
 * when it is free. Resolves to undefined, with a note, when Prometheus is not installed.
 */
async function startOwnPrometheus(ctx: DemoContext): Promise<RunningPrometheus | undefined> {
  if (!hasCommand('prometheus')) {
    say.warn(
      'Prometheus is not installed: the Prometheus queries are skipped (npm run doctor says how to install it).',
    );
    return undefined;
  }
  const targets = await metricsTargets(ctx);
  prometheusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-ch07-prometheus-'));
  const file = path.join(prometheusDir, 'prometheus.yml');
  await writePrometheusConfig(file, targets, { scrapeIntervalSeconds: 2 });
  const port = !ctx.auto && (await isPortFree(PROMETHEUS_PORT)) ? PROMETHEUS_PORT : await freePort();
  const started = await startPrometheus(file, port);
  say.ok(`Prometheus: ${started.url} (scrapes ${targets.map((t) => t.service).join(', ')} every 2 s)`);
  return started;
}

interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Runs a PromQL query until it returns a sample with `value`, printing the curl and the sample. */
async function promQueryUntil(query: string, value: string): Promise<PromSample> {
  const running = prometheus as RunningPrometheus;
  console.log(`  ${pc.green('$')} curl -s ${running.url}/api/v1/query --data-urlencode '${`query=${query}`}'`);
  let last = 'no answer yet';
  const sample = await pollUntil(
    () => `Prometheus to answer ${value} for ${query} (last: ${last})`,
    async () => {
      const body = await getJson<{ data: { result: PromSample[] } }>(
        `${running.url}/api/v1/query?query=${encodeURIComponent(query)}`,
      );
      last = JSON.stringify(body.data.result.map((s) => s.value[1]));
      return body.data.result.find((s) => s.value[1] === value);
    },
    { timeoutMs: WAIT_MS, intervalMs: 500 },
  );
  const { breaker: name, state, service } = sample.metric;
  say.ok(`Prometheus: circuit_breaker_state{service="${service}",breaker="${name}",state="${state}"} = ${value}`);
  return sample;
}

/** breakerstream's view (what its SSE stream sends), once `holds` is true of it. */
function streamView(ctx: DemoContext, what: string, holds: (view: LandscapeView) => boolean): Promise<LandscapeView> {
  return pollUntil(
    what,
    async () => {
      const view = await getJson<LandscapeView>(`${url(ctx, 'breakerstream')}/breakers`);
      return holds(view) ? view : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
  );
}

const quotesState = (view: LandscapeView, state: string) =>
  view.instances.some(
    (i) => i.service === 'accountservice' && i.breakers.some((b) => b.name === 'quotes-service' && b.state === state),
  );

/** Account reads one after another, as users keep making them, until stopped; counts what they got. */
interface Traffic {
  readonly reads: number;
  stop(): Promise<{ reads: number; statuses: Map<number, number>; fallbacks: number }>;
}

let traffic: Traffic | undefined;

function startTraffic(ctx: DemoContext, id: string): Traffic {
  const statuses = new Map<number, number>();
  let reads = 0;
  let fallbacks = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { status, account } = await readAccount(ctx, id);
      reads += 1;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (isFallbackQuote(account)) fallbacks += 1;
      await new Promise((resolve) => setTimeout(resolve, TRAFFIC_PAUSE_MS));
    }
  })();
  console.log(
    `  ${pc.green('$')} while true; do curl -s ${url(ctx, 'accountservice')}/accounts/${id}; sleep 0.2; done`,
  );
  return {
    get reads() {
      return reads;
    },
    async stop() {
      stopped = true;
      await loop;
      return { reads, statuses, fallbacks };
    },
  };
}

async function cleanup(): Promise<void> {
  await traffic?.stop().catch(() => undefined);
  traffic = undefined;
  await prometheus?.stop();
  prometheus = undefined;
  if (prometheusDir) fs.rmSync(prometheusDir, { recursive: true, force: true });
  prometheusDir = undefined;
  if (ownNames) {
    const names = ownNames;
    ownNames = undefined;
    await deleteBrokerNames(names);
  }
}

const demo: Demo = {
  title:
    'Chapter 7 — breakers: quotes-service stopped live, fallbacks, open → half-open → closed; a slow imageservice and the bulkhead',
  steps: [
    {
      narrate:
        "Start the landscape: accountservice now calls quotes-service and imageservice through one circuit breaker each; breakerstream gathers every instance's breakers (Turbine's role); Prometheus scrapes every service's /metrics.",
      shows: 'npm run chapter:7',
      run: async (ctx) => {
        await checkServers(['rabbitmq']);
        let env: Record<string, string> = {};
        if (ctx.auto) {
          // Unattended runs use broker objects of their own, so they never meet another landscape's.
          const own = ownBrokerNames(7, { discovery: true });
          ownNames = own.names;
          env = own.env;
        }
        // quotes-service runs behind the runner's replica primary, so the demo can stop it and start it again.
        await ctx.start({ env, replicas: { 'quotes-service': 1 } });
        prometheus = await startOwnPrometheus(ctx);
        say.ok(
          `breakerstream: ${url(ctx, 'breakerstream')}/ (its page), ${url(ctx, 'breakerstream')}/breakers/stream (SSE)`,
        );
      },
    },
    {
      narrate:
        "All is well: an account comes with a real quote and its image, and both of accountservice's breakers are closed.",
      run: async (ctx) => {
        const { status, body } = await ctx.curl('GET', `${url(ctx, 'accountservice')}/accounts/10000`);
        const account = body as Account;
        if (status !== 200 || isFallbackQuote(account) || isPlaceholder(account))
          throw new Error(`expected a real quote and image, got HTTP ${status}`);
        say.ok(`quote served by ${account.quote.ipAddress}, image served by ${account.imageData.servedBy}`);
        await showBreakers(ctx);
      },
    },
    {
      narrate:
        "Stop quotes-service. accountservice keeps answering 200 with goblog's fallback quote; once enough calls failed, the breaker opens and the next calls get the fallback at once, without touching the network.",
      shows: 'docker service scale ch07_quotes-service=0',
      run: async (ctx) => {
        await scaleQuotes(ctx, 0);
        traffic = startTraffic(ctx, '10001');
        const open = await breakerInState(ctx, 'quotes-service', 'open');
        say.ok(`quotes-service breaker: ${open.state} after ${open.window.failures} failed calls`);
        // While it is open, reads get the fallback without a request leaving accountservice.
        const before = traffic.reads;
        await pollUntil('5 more reads', () => (traffic && traffic.reads >= before + 5 ? true : undefined), {
          timeoutMs: WAIT_MS,
          intervalMs: POLL_MS,
        });
        const after = await breaker(ctx, 'quotes-service');
        say.ok(`short-circuited by the open breaker so far: ${after.window.rejects} reads (no request sent)`);
        await showBreakers(ctx);

        console.log(`  ${pc.green('$')} curl -sN ${url(ctx, 'breakerstream')}/breakers/stream`);
        const view = await streamView(ctx, "breakerstream to see accountservice's quotes-service breaker open", (v) =>
          quotesState(v, 'open'),
        );
        const services = [...new Set(view.instances.map((i) => i.service))].sort().join(', ');
        say.ok(`breakerstream: accountservice's quotes-service breaker open (it knows ${services})`);

        if (prometheus) await promQueryUntil('circuit_breaker_state{breaker="quotes-service",state="open"}', '1');
        else say.warn('Prometheus query skipped: Prometheus is not installed.');

        const { reads, statuses, fallbacks } = await traffic.stop();
        traffic = undefined;
        const codes = [...statuses].map(([code, n]) => `${n} × HTTP ${code}`).join(', ');
        say.ok(`${reads} account reads while quotes-service was down: ${codes}, ${fallbacks} with the fallback quote`);
        say.info(`"${FALLBACK_QUOTE.quote}" (ipAddress ${FALLBACK_QUOTE.ipAddress})`);
      },
    },
    {
      narrate:
        'Bring quotes-service back. After its reset timeout the breaker turns half-open: the next call is a trial. It succeeds, and the breaker closes.',
      shows: 'docker service scale ch07_quotes-service=1',
      run: async (ctx) => {
        await scaleQuotes(ctx, 1);
        const halfOpen = await breakerInState(ctx, 'quotes-service', 'half-open');
        say.ok(`after the reset timeout: ${halfOpen.name} ${halfOpen.state}`);
        const { status, account } = await readAccount(ctx, '10003');
        if (status !== 200 || !account || isFallbackQuote(account))
          throw new Error(`the trial call did not get a real quote (HTTP ${status})`);
        say.ok(`trial call: HTTP ${status}, a real quote served by ${account.quote.ipAddress}`);
        const closed = await breaker(ctx, 'quotes-service');
        if (closed.state !== 'closed') throw new Error(`the breaker is ${closed.state} after a successful trial call`);
        say.ok(`quotes-service breaker: ${closed.state}`);
        await streamView(ctx, 'breakerstream to see the breaker closed', (v) => quotesState(v, 'closed'));
        say.ok("breakerstream: accountservice's quotes-service breaker closed");
        if (prometheus) await promQueryUntil('circuit_breaker_state{breaker="quotes-service",state="closed"}', '1');
      },
    },
    {
      narrate:
        "The bulkhead: make imageservice slow with its chaos switch, then read more accounts at once than the imageservice breaker's capacity. The extra reads are not queued: they get the placeholder image at once.",
      run: async (ctx) => {
        const { capacity } = await breaker(ctx, 'imageservice');
        const before = await bulkheadRejections(ctx);
        await setChaos(ctx, 'imageservice', { latencyMs: SLOW_IMAGE_MS });
        const reads = capacity * 3;
        console.log(`  ${pc.green('$')} # ${reads} reads of accounts 10010…${10009 + reads} at once`);
        const order: { placeholder: boolean; status: number }[] = [];
        await Promise.all(
          Array.from({ length: reads }, (_, i) =>
            readAccount(ctx, String(10010 + i)).then(({ status, account }) =>
              order.push({ status, placeholder: isPlaceholder(account) }),
            ),
          ),
        );
        await setChaos(ctx, 'imageservice', { latencyMs: 0 });
        const placeholders = order.filter((o) => o.placeholder).length;
        const ok = order.filter((o) => o.status === 200).length;
        const rejected = (await bulkheadRejections(ctx)) - before;
        say.ok(
          `${reads} reads at once, capacity ${capacity}: ${ok} × HTTP 200, ${placeholders} placeholder images, ${reads - placeholders} real images`,
        );
        say.ok(`rejected by the bulkhead: ${rejected} (${SEMAPHORE_LOCKED} in accountservice's /metrics)`);
        const firstReal = order.findIndex((o) => !o.placeholder);
        const lastPlaceholder = order.map((o) => o.placeholder).lastIndexOf(true);
        if (placeholders > 0 && firstReal >= 0)
          (lastPlaceholder < firstReal ? say.ok : say.warn)(
            lastPlaceholder < firstReal
              ? 'every placeholder answered before the first real image: nothing waited in a queue'
              : 'some placeholders answered after a real image',
          );
      },
    },
    shutdownStep('Graceful shutdown: every service announces itself down and exits 0.', cleanup),
  ],
  cleanup: async () => {
    await cleanup().catch((err: Error) => say.warn(`cleanup: ${err.message}`));
  },
};

export default demo;
