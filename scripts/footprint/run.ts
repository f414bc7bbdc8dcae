import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle, totalBytes } from '../lib/bundle';
import { warmCompileCache } from '../lib/compile-cache';
import { type Manifest, resolveEnv } from '../lib/manifest';
import { type Chapter, REPO_ROOT, WORK_DIR, twoDigits } from '../lib/paths';
import type { LoadFigures } from './load';
import { type RateFigures, type Started, atRate, settledRss, startNode, stop, throughput } from './measure';
import { memoryOf } from './proc';
import { GO_IMAGE, PUBLISHED, type PublishedFigure } from './published';
import { median, ratio } from './stats';
import { BARE, EXPRESS, type Target, targetsFor } from './targets';

export interface Settings {
  rounds: number;
  /** Start-ups measured per target and round (the first one also carries the load phases). */
  startupsPerRound: number;
  /** Run the two load phases (off: start-up and idle memory only). */
  load: boolean;
  rate: number;
  rateSeconds: number;
  connections: number;
  loadSeconds: number;
}

export const FULL: Settings = {
  rounds: 3,
  startupsPerRound: 3,
  load: true,
  rate: 1000,
  rateSeconds: 5,
  connections: 20,
  loadSeconds: 5,
};
export const QUICK: Settings = { ...FULL, rounds: 1, startupsPerRound: 2, rateSeconds: 2, loadSeconds: 2 };
/** Start-up and idle memory only: what a live demo can afford. */
export const IDLE_ONLY: Settings = { ...FULL, rounds: 1, startupsPerRound: 3, load: false };

export interface Sample {
  round: number;
  /** Start-ups with the bundle's compile cache, as its image starts (without one: plain starts). */
  startupMs: number[];
  startupCpuMs: number[];
  /** As many start-ups without the compile cache: what compiling the bundle at every start costs. */
  coldStartupMs?: number[];
  /** Resident memory after the last of them: what the compiling leaves behind. */
  coldIdleRssMiB?: number;
  idleRssMiB: number;
  /** Unique memory after start: what another replica of it would add. */
  idleUssMiB: number;
  atRate?: RateFigures;
  load?: LoadFigures;
  peakRssMiB?: number;
}

export interface Medians {
  startupMs: number;
  startupCpuMs: number;
  /** NaN when the targets had no compile cache; absent in results from before it. */
  coldStartupMs?: number;
  coldIdleRssMiB?: number;
  idleRssMiB: number;
  idleUssMiB: number;
  rssAtRateMiB: number;
  cpuAtRatePercent: number;
  cpuMsPerKRequests: number;
  p50AtRateMs: number;
  p99AtRateMs: number;
  achievedRate: number;
  throughputRps: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMiB: number;
  failed: number;
}

export interface TargetResult {
  name: string;
  /** A landscape run's variant it belongs to ("chapter 05", "tracing off"). */
  variant?: string;
  kind: Target['kind'];
  note: string;
  path: string;
  bundleBytes: number;
  /** KiB each package adds to the bundle, the largest first (what start-up has to parse). */
  bundleKiB: Record<string, number>;
  samples: Sample[];
  median: Medians;
  /** Ratios of the medians to the two baselines' medians. */
  vsBare: Ratios;
  vsExpress: Ratios;
  /** A landscape run: the ratios to the same service in each other variant, by variant name. */
  versus?: Record<string, Ratios>;
}

export interface Ratios {
  startup: number;
  startupCpu: number;
  idleRss: number;
  rssAtRate: number;
  throughput: number;
  /** CPU per request divided by the baseline's: below 1 is cheaper. */
  cpuPerRequest: number;
  /** p99 latency at the most load. */
  p99: number;
}

export interface Check {
  what: string;
  measured: number;
  /** The target: measured ≤ limit, or ≥ when `atLeast`. */
  limit: number;
  atLeast?: boolean;
  met: boolean;
  /** Where the target comes from (the issue that set it). */
  source: string;
}

/** A landscape run (chapter 03 on): what ran beside the measured services, and how they ran. */
export interface LandscapeInfo {
  run: 'bundle' | 'source';
  how: string;
  variants: { name: string; chapter: number; env: Record<string, string>; supporting: string[] }[];
}

export interface FootprintReport {
  chapter: number;
  generatedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    node: string;
    platform: string;
    loadAverageAtStart: number[];
    note: string;
  };
  settings: Settings;
  targets: TargetResult[];
  checks: Check[];
  /** Chapter 02: its images' sizes, from the containers results file when there is one. */
  images?: ImageSizes;
  published: PublishedFigure[];
  landscape?: LandscapeInfo;
}

export interface Progress {
  /** A bundle was built: its size in bytes. */
  bundled(target: string, bytes: number): void;
  measuring(round: number, rounds: number, target: string): void;
  measured(round: number, target: string, sample: Sample): void;
  /** A landscape run started the services that run beside the measured ones. */
  supporting?(variant: string, services: string[]): void;
}

/** How a target is named in tables and charts: with its variant in a landscape run. */
export function labelOf(target: { name: string; variant?: string }): string {
  return target.variant ? `${target.name} · ${target.variant}` : target.name;
}

/** Runs the benchmark: every target each round, rounds interleaved, the order rotated each round. */
export async function runFootprint(chapter: Chapter, settings: Settings, progress: Progress): Promise<FootprintReport> {
  const { manifest, targets } = targetsFor(chapter);
  const loadAverageAtStart = os.loadavg();
  const work = workDir();
  try {
    const bundles = await bundleAll(
      new Map<string, string>([
        ...targets.map((t) => [t.entry, t.name] as const),
        ...manifest.services.map((s) => [path.join(chapter.solutionDir, s.entry), s.name] as const),
      ]),
      work,
      progress,
    );
    const launch = (entry: string) => [bundles.get(entry)?.main as string];
    const cacheEnv = (entry: string) => compileCacheEnv(bundles.get(entry));

    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      for (const target of rotate(targets, round)) {
        progress.measuring(round, settings.rounds, target.name);
        const launcher = { manifest, dir: chapter.solutionDir, launch, env: cacheEnv };
        const sample = await measureOnce(target, launcher, settings, round);
        samples.get(target.name)?.push(sample);
        progress.measured(round, target.name, sample);
      }
    }

    const results = targets.map((t) => summarise(t, samples.get(t.name) ?? [], bundles.get(t.entry)));
    return judged(chapter, newReport(chapter, settings, loadAverageAtStart, results));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The report with its ratios to the baselines, the checks of the targets and the image sizes
 * worked out from its medians: after a run, and again on a committed run when the targets change
 * (`npm run footprint -- 2 --recheck`), with no new measurement.
 */
export function judged(chapter: Chapter, report: FootprintReport): FootprintReport {
  const bare = report.targets.find((r) => r.name === BARE);
  const express = report.targets.find((r) => r.name === EXPRESS);
  for (const result of report.targets) {
    result.vsBare = ratios(result.median, bare?.median);
    result.vsExpress = ratios(result.median, express?.median);
  }
  const images = imageSizes(chapter);
  const { published, ...rest } = report;
  return { ...rest, checks: checks(report.targets, report.settings), ...(images ? { images } : {}), published };
}

/** A scratch folder for one run's bundles (removed by the caller). */
export function workDir(): string {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  return fs.mkdtempSync(path.join(WORK_DIR, 'footprint-'));
}

/** The targets in this round's order: rotated by one each round, so none is always first. */
export function rotate<T>(items: T[], round: number): T[] {
  const shift = (round - 1) % Math.max(items.length, 1);
  return [...items.slice(shift), ...items.slice(0, shift)];
}

export interface Built {
  main: string;
  bytes: number;
  kib: Record<string, number>;
  /** Its compile cache, made as its Dockerfile makes it (NODE_COMPILE_CACHE). */
  compileCache: string;
}

/** The environment that starts a bundle from its compile cache (none for a target run from source). */
export function compileCacheEnv(built: Built | undefined): Record<string, string> {
  return built ? { NODE_COMPILE_CACHE: built.compileCache } : {};
}

/**
 * Bundles each entry (entry → name for the progress line) for production, into its own folder of
 * `work`, and makes its compile cache.
 */
export async function bundleAll(
  entries: Map<string, string>,
  work: string,
  progress: Progress,
): Promise<Map<string, Built>> {
  const bundles = new Map<string, Built>();
  for (const [entry, name] of entries) {
    const out = path.join(work, String(bundles.size));
    const result = await bundle({ main: entry }, out);
    const kib = Object.fromEntries(Object.entries(result.packages).map(([p, b]) => [p, Math.round(b / 1024)]));
    const main = path.join(out, 'main.js');
    const compileCache = path.join(work, `${bundles.size}.compile-cache`);
    warmCompileCache(main, compileCache);
    bundles.set(entry, { main, bytes: totalBytes(result), kib, compileCache });
    progress.bundled(name, totalBytes(result));
  }
  return bundles;
}

/** A report of this run's results, before ratios and checks are worked out. */
export function newReport(
  chapter: Chapter,
  settings: Settings,
  loadAverageAtStart: number[],
  targets: TargetResult[],
): FootprintReport {
  return {
    chapter: chapter.number,
    generatedAt: new Date().toISOString(),
    machine: machineInfo(loadAverageAtStart),
    settings,
    targets,
    checks: [],
    published: PUBLISHED,
  };
}

function machineInfo(loadAverageAtStart: number[]): FootprintReport['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart,
    note: 'The load generator (autocannon) runs on the same machine, in the benchmark process.',
  };
}

/** Where a target's services come from: the chapter's manifest and folder, and the node command line of an entry. */
export interface Launcher {
  manifest: Manifest;
  dir: string;
  launch(entry: string): string[];
  /** What else an entry starts with: its compile cache. */
  env?(entry: string): Record<string, string>;
}

/** What a landscape run gives every target: the supporting services' ports and env for the whole landscape. */
export interface Beside {
  ports: Map<string, number>;
  env: Record<string, string>;
}

/**
 * One sample of a target: starts the services it calls that are not running already (not
 * measured), times `startupsPerRound` start-ups without its compile cache (when it has one) and as
 * many with it, then settles, and runs the two load phases.
 */
export async function measureOnce(
  target: Target,
  { manifest, dir, launch, env: launchEnv = () => ({}) }: Launcher,
  settings: Settings,
  round: number,
  beside: Beside = { ports: new Map(), env: {} },
): Promise<Sample> {
  const helpers: Started[] = [];
  try {
    const ports = new Map(beside.ports);
    for (const name of target.needs.filter((n) => !ports.has(n))) {
      const spec = manifest.services.find((s) => s.name === name);
      if (!spec) throw new Error(`${target.name} needs ${name}, which landscape.yml does not have`);
      const entry = path.join(dir, spec.entry);
      const env = { ...resolveEnv(spec.env, ports), ...beside.env, ...launchEnv(entry) };
      const helper = await startNode(launch(entry), spec.health, env);
      helpers.push(helper);
      ports.set(name, helper.port);
    }
    const plain = { ...resolveEnv(target.env, ports), ...beside.env };
    const cache = launchEnv(target.entry);
    const env = { ...plain, ...cache };
    const args = launch(target.entry);
    const cold =
      Object.keys(cache).length > 0
        ? await startsWithoutCache(args, target.health, plain, settings.startupsPerRound)
        : undefined;
    const { service, startupMs, startupCpuMs } = await startRepeatedly(
      args,
      target.health,
      env,
      settings.startupsPerRound,
    );
    try {
      const pid = service.child.pid as number;
      const idleRssMiB = await settledRss(pid);
      const sample: Sample = {
        round,
        startupMs,
        startupCpuMs,
        ...cold,
        idleRssMiB,
        idleUssMiB: memoryOf(pid).ussMiB,
      };
      if (settings.load) {
        const url = service.url + target.path;
        sample.atRate = await atRate(pid, url, settings.rate, settings.rateSeconds);
        sample.load = await throughput(url, settings.connections, settings.loadSeconds);
        sample.peakRssMiB = memoryOf(pid).peakMiB;
      }
      return sample;
    } finally {
      await stop(service.child);
    }
  } finally {
    for (const helper of helpers.reverse()) await stop(helper.child);
  }
}

/** `count` start-ups: each stopped but the last, which is handed back running (its figures first). */
async function startRepeatedly(
  args: string[],
  health: string,
  env: Record<string, string>,
  count: number,
): Promise<{ service: Started; startupMs: number[]; startupCpuMs: number[] }> {
  const startupMs: number[] = [];
  const startupCpuMs: number[] = [];
  for (let i = 1; i < count; i++) {
    const once = await startNode(args, health, env);
    startupMs.push(once.startupMs);
    startupCpuMs.push(once.startupCpuMs);
    await stop(once.child);
  }
  const service = await startNode(args, health, env);
  startupMs.unshift(service.startupMs);
  startupCpuMs.unshift(service.startupCpuMs);
  return { service, startupMs, startupCpuMs };
}

/** `count` start-ups without the compile cache, and the memory after the last one. */
async function startsWithoutCache(
  args: string[],
  health: string,
  env: Record<string, string>,
  count: number,
): Promise<Pick<Sample, 'coldStartupMs' | 'coldIdleRssMiB'>> {
  const { service, startupMs } = await startRepeatedly(args, health, env, count);
  try {
    return { coldStartupMs: startupMs, coldIdleRssMiB: await settledRss(service.child.pid as number) };
  } finally {
    await stop(service.child);
  }
}

export function summarise(
  target: Target,
  samples: Sample[],
  built: { bytes: number; kib: Record<string, number> } | undefined,
): TargetResult {
  const of = (pick: (s: Sample) => number | undefined) => median(samples.map((s) => pick(s) ?? NaN));
  const none = { ...NO_RATIOS };
  return {
    name: target.name,
    kind: target.kind,
    note: target.note,
    path: target.path,
    bundleBytes: built?.bytes ?? NaN,
    bundleKiB: built?.kib ?? {},
    samples,
    median: {
      startupMs: median(samples.flatMap((s) => s.startupMs)),
      startupCpuMs: median(samples.flatMap((s) => s.startupCpuMs)),
      coldStartupMs: median(samples.flatMap((s) => s.coldStartupMs ?? [])),
      coldIdleRssMiB: of((s) => s.coldIdleRssMiB),
      idleRssMiB: of((s) => s.idleRssMiB),
      idleUssMiB: of((s) => s.idleUssMiB),
      rssAtRateMiB: of((s) => s.atRate?.rssMiB),
      cpuAtRatePercent: of((s) => s.atRate?.cpuPercent),
      cpuMsPerKRequests: of((s) => s.atRate?.cpuMsPerKRequests),
      p50AtRateMs: of((s) => s.atRate?.p50Ms),
      p99AtRateMs: of((s) => s.atRate?.p99Ms),
      achievedRate: of((s) => s.atRate?.rps),
      throughputRps: of((s) => s.load?.rps),
      p50Ms: of((s) => s.load?.p50Ms),
      p99Ms: of((s) => s.load?.p99Ms),
      peakRssMiB: of((s) => s.peakRssMiB),
      failed: samples.reduce((sum, s) => sum + (s.atRate?.failed ?? 0) + (s.load?.failed ?? 0), 0),
    },
    vsBare: none,
    vsExpress: none,
  };
}

/** Ratios not worked out (yet): every one NaN. */
export const NO_RATIOS: Ratios = {
  startup: NaN,
  startupCpu: NaN,
  idleRss: NaN,
  rssAtRate: NaN,
  throughput: NaN,
  cpuPerRequest: NaN,
  p99: NaN,
};

export function ratios(m: Medians, baseline: Medians | undefined): Ratios {
  return {
    startup: ratio(m.startupMs, baseline?.startupMs ?? NaN),
    startupCpu: ratio(m.startupCpuMs, baseline?.startupCpuMs ?? NaN),
    cpuPerRequest: ratio(m.cpuMsPerKRequests, baseline?.cpuMsPerKRequests ?? NaN),
    idleRss: ratio(m.idleRssMiB, baseline?.idleRssMiB ?? NaN),
    rssAtRate: ratio(m.rssAtRateMiB, baseline?.rssAtRateMiB ?? NaN),
    throughput: ratio(m.throughputRps, baseline?.throughputRps ?? NaN),
    p99: ratio(m.p99Ms, baseline?.p99Ms ?? NaN),
  };
}

const ISSUE_20 = 'issue #20 (lean and fast)';

/**
 * Issue #20's targets, same run: accountservice's own CPU per chained request ≤ 1.5× its CPU per
 * request alone; alone ≥ 1.0× an Express hello world; idle RSS ≤ 1.3× and start-up to first 200
 * ≤ 1.5× bare node. Wall-clock start-up and throughput suffer on a busy machine, so each also has a
 * CPU-time twin (start-up CPU; CPU per request at the fixed rate), fair however busy it is.
 */
export function checks(results: TargetResult[], settings: Settings): Check[] {
  const out: Check[] = [];
  const atMost = (what: string, measured: number, limit: number) =>
    out.push({ what, measured, limit, met: measured <= limit, source: ISSUE_20 });
  const atLeast = (what: string, measured: number, limit: number) =>
    out.push({ what, measured, limit, atLeast: true, met: measured >= limit, source: ISSUE_20 });
  for (const r of results.filter((t) => t.kind === 'service')) {
    if (settings.load && r.name.endsWith('(own code)')) {
      atLeast(`${r.name}: throughput vs Express hello world`, r.vsExpress.throughput, 1);
      atMost(`${r.name}: CPU per request vs Express hello world`, r.vsExpress.cpuPerRequest, 1);
    }
    const alone = results.find((a) => a.name === r.name.replace(/ \(calls .*\)$/, ' (own code)'));
    if (settings.load && alone && alone !== r) {
      const service = r.name.replace(/ \(calls .*\)$/, '');
      const measured = ratio(r.median.cpuMsPerKRequests, alone.median.cpuMsPerKRequests);
      atMost(`${service}: own CPU per chained request vs per request alone`, measured, 1.5);
    }
    atMost(`${r.name}: idle RSS vs bare node`, r.vsBare.idleRss, 1.3);
    atMost(`${r.name}: start-up to first 200 vs bare node`, r.vsBare.startup, 1.5);
    atMost(`${r.name}: start-up CPU time vs bare node`, r.vsBare.startupCpu, 1.5);
  }
  return out;
}

/** Image sizes beside the process figures: reported, not a target (issue #20). */
export interface ImageSizes {
  from: string;
  base: { name: string; MiB: number };
  services: Record<string, { totalMiB: number; appMiB: number }>;
  /** The talk's Go figures, for comparison. */
  go: string;
}

/** The chapter's image sizes from its containers results file (`npm run test:swarm` writes it), if there is one. */
export function imageSizes(chapter: Chapter): ImageSizes | undefined {
  const from = path.join('scripts', 'footprint', 'results', `chapter-${twoDigits(chapter.number)}-containers.json`);
  const file = path.join(REPO_ROOT, from);
  if (!fs.existsSync(file)) return undefined;
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    baseImage: { name: string; MiB: number };
    images: Record<string, { totalMiB: number; appMiB: number }>;
  };
  const services = Object.fromEntries(
    Object.entries(report.images).map(([name, i]) => [name, { totalMiB: i.totalMiB, appMiB: i.appMiB }]),
  );
  return { from, base: report.baseImage, services, go: GO_IMAGE };
}
