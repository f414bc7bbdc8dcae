/**
 * `npm run test:swarm`: chapter 02 on a real single-node Docker Swarm (see README.md here).
 * Engine → base image → images → swarm → deploy → healthy → end-to-end checks → footprint →
 * scaling → zero-loss rolling update → tear-down (always, also on Ctrl-C).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import { REPO_ROOT, SOLUTIONS_DIR, WORK_DIR, relative } from '../lib/paths';
import { pc, progressLine, say } from '../lib/ui';
import { ensureBaseImage } from './base-image';
import { waitConverged } from './converge';
import { checkDeployedStack, distinctQuoteAddresses, endpoint } from './deployed-checks';
import { docker, inspectImage } from './docker';
import { type Engine, ensureEngine } from './engine';
import { imageFootprint, memoryNow, memoryUnderLoad } from '../footprint/containers';
import { buildImages, imageIds, removeRunImages } from './images';
import { MINIMAL_CONTAINER, minimalTag, tryMinimalImage } from './minimal-image';
import { readOwned, writeOwned } from './owned';
import { rollingUpdateUnderLoad, scale, zeroLossProblems } from './rolling-update';
import { type StackPlan, deployStack, ensureSwarm, planStack, removeStack } from './stack';

/** The chapter folder to deploy; SWARM_CHAPTER_DIR points it at another copy (e.g. chapters/02-swarm). */
const CHAPTER_DIR = path.resolve(process.env.SWARM_CHAPTER_DIR ?? path.join(SOLUTIONS_DIR, '02-swarm'));
const WORK = path.join(WORK_DIR, 'swarm');
/**
 * Beside `npm run footprint`'s chapter-02.json. Not in solutions/02-swarm: whatever is there is
 * copied into the learner's starter, and a file every run rewrites would make it stale.
 */
const REPORT = path.join(REPO_ROOT, 'scripts', 'footprint', 'results', 'chapter-02-containers.json');
/** Requests per second during the rolling update (a steady stream; the machine has 2 shared cores). */
const UPDATE_RATE = Number(process.env.SWARM_UPDATE_RATE ?? 200);
const FOOTPRINT_RATE = 1000;
const FOOTPRINT_SECONDS = Number(process.env.SWARM_LOAD_SECONDS ?? 10);

const timings: Record<string, number> = {};
const progress = progressLine();
const onProgress = (text: string) => progress.update(`  ${text}`);

async function step<T>(title: string, fn: () => Promise<T>): Promise<T> {
  say.step(pc.bold(title));
  const started = Date.now();
  try {
    return await fn();
  } finally {
    progress.done();
    timings[title] = Date.now() - started;
    say.info(pc.dim(`(${((Date.now() - started) / 1000).toFixed(1)} s)`));
  }
}

interface State {
  engine?: Engine;
  plan?: StackPlan;
  imagesBefore?: Set<string>;
  baseImage?: string;
  swarmInited: boolean;
}

const state: State = { swarmInited: false };

/** Leaves the machine as it was: stack, swarm, images and dockerd, each only if this run made it. */
async function tearDown(): Promise<void> {
  const problems: string[] = [];
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      problems.push(`${what}: ${(err as Error).message}`);
    }
  };
  say.step(pc.bold('Tear-down'));
  const started = Date.now();
  if (state.engine) {
    await attempt('load client', () => docker(['rm', '--force', 'ch02ci-load'], false).catch(() => undefined));
    // What an interrupted minimal-image step leaves: its container and its tagged image.
    await attempt('minimal image', async () => {
      await docker(['rm', '--force', MINIMAL_CONTAINER], false).catch(() => undefined);
      for (const s of state.plan?.services ?? []) {
        await docker(['image', 'rm', '--force', minimalTag(s.image)], false).catch(() => undefined);
      }
    });
    await attempt('stack', () => removeStack());
    if (state.swarmInited) {
      await attempt('swarm', () => docker(['swarm', 'leave', '--force']));
      writeOwned(WORK, { dockerdPid: state.engine.startedPid });
    }
    if (state.plan && state.imagesBefore && state.baseImage) {
      await attempt('images', () =>
        removeRunImages(state.plan as StackPlan, state.imagesBefore as Set<string>, state.baseImage as string),
      );
    }
    await attempt('dockerd', () => (state.engine as Engine).stop());
    writeOwned(WORK, {});
  }
  timings['Tear-down'] = Date.now() - started;
  if (problems.length) say.fail(`tear-down problems:\n  ${problems.join('\n  ')}`);
  else say.ok(`torn down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const owned = readOwned(WORK);
  const engine = await step('Docker engine', () => ensureEngine(WORK, owned.dockerdPid));
  state.engine = engine;
  writeOwned(WORK, { dockerdPid: engine.startedPid, swarm: owned.swarm });

  const base = await step('Base image (debootstrap + this machine’s node)', () => ensureBaseImage());
  state.baseImage = base.name;
  const plan = await step('Plan: stack.yml + stack.ci.yml', () => planStack(CHAPTER_DIR));
  state.plan = plan;
  say.info(plan.services.map((s) => `${s.name} → ${s.image}`).join(', '));

  state.imagesBefore = await imageIds();
  const buildMs = await step('Build the images (DOCKER_BUILDKIT=0)', () => buildImages(plan, base.name));

  const account = plan.services.find((s) => s.name === 'accountservice');
  const quotes = plan.services.find((s) => s.name === 'quotes-service');
  if (!account || !quotes) throw new Error('the stack needs accountservice and quotes-service');
  const minimal = await step('The smallest image: FROM scratch, node, the libraries it links, the bundle', async () => {
    const result = await tryMinimalImage(plan.chapterDir, quotes, base.name, '/api/quote?strength=0');
    for (const [kind, r] of [
      ['minimal', result.minimal],
      ['regular', result.regular],
    ] as const) {
      say.info(
        `${kind} ${r.image}: ${r.MiB} MiB, first 200 after ${r.startToFirst200Ms} ms, ` +
          `health check ${r.healthCheckPassed ? 'healthy' : 'NOT healthy'}, GET ${result.apiPath} → ${r.apiStatus}`,
      );
      if (!r.healthCheckPassed || r.apiStatus !== 200) throw new Error(`${r.image} starts but does not serve`);
    }
    return result;
  });

  await step('Single-node swarm', async () => {
    const inited = await ensureSwarm(owned.swarm === true);
    state.swarmInited = inited || owned.swarm === true;
    writeOwned(WORK, { dockerdPid: engine.startedPid, swarm: state.swarmInited });
    await removeStack(); // what an interrupted earlier run may have left
  });

  await step('Deploy the stack and wait until every task is healthy', async () => {
    await deployStack(plan);
    const states = await waitConverged('ch02ci', { onProgress });
    progress.done();
    say.ok(states.map((s) => `${s.name} ${s.healthy}/${s.desired} healthy`).join(', '));
  });
  const idle = await memoryNow(plan);

  await step('End-to-end checks against the deployed stack', () => checkDeployedStack(plan));

  const underLoad = await step(`Footprint: memory idle and under ${FOOTPRINT_RATE} req/s`, async () => {
    const quotesUrl = (await endpoint(quotes)).urls[0];
    const accountsUrl = (await endpoint(account)).urls[0];
    const direct = await memoryUnderLoad(plan, `${quotesUrl}/api/quote?strength=0`, {
      rate: FOOTPRINT_RATE,
      seconds: FOOTPRINT_SECONDS,
    });
    say.info(`quotes-service directly: ${Math.round(direct.load.rps)} req/s, p99 ${direct.load.p99Ms} ms`);
    const accounts = await memoryUnderLoad(plan, `${accountsUrl}/accounts/10000`, {
      rate: FOOTPRINT_RATE,
      seconds: FOOTPRINT_SECONDS,
    });
    say.info(
      `accountservice (with its quote calls): ${Math.round(accounts.load.rps)} req/s, p99 ${accounts.load.p99Ms} ms`,
    );
    return { quotesDirect: direct, accounts };
  });

  const scaling = await step('Scale quotes-service 1 → 3; quotes rotate over the replicas', async () => {
    await scale(quotes, 3, onProgress);
    progress.done();
    const seen = await distinctQuoteAddresses(plan, 12);
    const addresses = [...seen.keys()].filter((a) => a !== '(no quote)');
    say.info(`quote.ipAddress over 12 account reads: ${[...seen].map(([a, n]) => `${a}×${n}`).join(', ')}`);
    if (addresses.length < 2)
      throw new Error(`expected ≥ 2 distinct quote.ipAddress values, saw ${[...seen.keys()].join(', ')}`);
    return { replicas: 3, reads: 12, distinct: addresses.length, seen: Object.fromEntries(seen) };
  });

  const { update, problems } = await step(
    'Rolling update of accountservice under load (docker service update --force)',
    async () => {
      const result = await rollingUpdateUnderLoad(plan, account, {
        image: base.name,
        workDir: WORK,
        ratePerSecond: UPDATE_RATE,
        replicas: 2,
        onProgress,
      });
      progress.done();
      for (const [mode, s] of Object.entries(result.load.modes)) {
        const slow = s.slowLookups ? `, ${s.slowLookups} name lookups took over 1 s` : '';
        say.info(
          `${mode}: ${s.ok}/${s.sent} ok, ${s.failed} failed, answered by ${Object.keys(s.servedBy).length} tasks${slow}`,
        );
      }
      const p = result.phases;
      say.info(
        `failed/sent before the update ${p.before.failed}/${p.before.sent}, during ${p.during.failed}/${p.during.sent}, after ${p.after.failed}/${p.after.sent}`,
      );
      return { update: result, problems: zeroLossProblems(result) };
    },
  );
  const sent = Object.values(update.load.modes).reduce((n, s) => n + s.sent, 0);
  if (problems.length === 0) {
    say.ok(
      `0 of ${sent} requests failed while ${update.replicas} replicas were replaced in ${(update.updateMs / 1000).toFixed(1)} s`,
    );
  }

  const baseInfo = await inspectImage(base.name);
  if (!baseInfo) throw new Error(`${base.name} disappeared`);
  const images = Object.fromEntries(
    await Promise.all(plan.services.map(async (s) => [s.name, await imageFootprint(s.image, baseInfo)] as const)),
  );
  const report = {
    about:
      'Chapter 02 measured on real containers by npm run test:swarm (scripts/swarm): docker stats memory ' +
      '(cgroup usage minus inactive page cache, the figure goblog quotes) and the node process RSS, ' +
      'idle right after deploy and peak under a fixed-rate load from the host; image sizes split into ' +
      'the base image and the layers the Dockerfile adds.',
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, kernel: os.release(), engine: engine.version, node: process.version },
    baseImage: {
      name: base.name,
      MiB: Math.round((baseInfo.Size / 1024 / 1024) * 10) / 10,
      // null: cached from an earlier run (building it takes 90–140 s here)
      buildSeconds: base.built ? base.buildMs / 1000 : null,
    },
    images,
    minimalImage: minimal,
    memoryMiB: { idle, underLoad: { quotesDirect: underLoad.quotesDirect.peaks, accounts: underLoad.accounts.peaks } },
    load: { quotesDirect: underLoad.quotesDirect.load, accounts: underLoad.accounts.load },
    scaling,
    chapter: relative(CHAPTER_DIR),
    rollingUpdate: {
      passed: problems.length === 0,
      problems,
      service: update.service,
      replicas: update.replicas,
      ratePerSecond: update.ratePerSecond,
      updateSeconds: update.updateMs / 1000,
      phases: update.phases,
      modes: Object.fromEntries(
        Object.entries(update.load.modes).map(([m, s]) => [
          m,
          { sent: s.sent, ok: s.ok, failed: s.failed, errors: s.errors, tasks: Object.keys(s.servedBy).length },
        ]),
      ),
    },
    buildSeconds: Object.fromEntries(Object.entries(buildMs).map(([k, v]) => [k, v / 1000])),
    stepSeconds: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, v / 1000])),
    totalSecondsBeforeTearDown: (Date.now() - started) / 1000,
  };
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  // Formatted as the repository's prettier check expects (npm test lints committed JSON).
  const style = (await prettier.resolveConfig(REPORT)) ?? {};
  fs.writeFileSync(REPORT, await prettier.format(JSON.stringify(report), { ...style, filepath: REPORT }));
  say.ok(`container figures written to ${relative(REPORT)}`);
  // The figures are worth keeping either way; the verdict comes last.
  if (problems.length)
    throw new Error(`the rolling update lost requests or did not happen:\n  ${problems.join('\n  ')}`);
}

/** SWARM_KEEP=1 leaves everything running for a look (the next run cleans up what this one owned). */
async function keepForInspection(): Promise<void> {
  say.warn('SWARM_KEEP=1: the stack, swarm and engine are left running; `npm run test:swarm` again cleans up');
}

let tearingDown: Promise<void> | undefined;
const finish = () => (tearingDown ??= process.env.SWARM_KEEP === '1' ? keepForInspection() : tearDown());

/** Set by Ctrl-C / SIGTERM: the steps still running fail as the stack goes away; that is no news. */
let interrupted = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say.warn(`${signal}: tearing down before exiting…`);
    void finish().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

// A promise nobody awaited failed: still tear down before exiting, never leave a swarm behind.
process.on('unhandledRejection', (reason) => {
  progress.done();
  say.fail(`unexpected failure: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  void finish().finally(() => process.exit(1));
});

process.chdir(REPO_ROOT);
const started = Date.now();
main()
  .then(
    () => 0,
    (err: unknown) => {
      progress.done();
      if (!interrupted) say.fail(err instanceof Error ? err.message : String(err));
      return 1;
    },
  )
  .then(async (code) => {
    await finish();
    if (interrupted) return; // the signal handler exits with 130/143
    const total = ((Date.now() - started) / 1000).toFixed(1);
    (code === 0 ? say.ok : say.fail)(`test:swarm ${code === 0 ? 'passed' : 'FAILED'} in ${total} s`);
    process.exit(code);
  });
