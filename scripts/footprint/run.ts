import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle, totalBytes } from '../lib/bundle';
import { type Manifest, resolveEnv } from '../lib/manifest';
import { type Chapter, WORK_DIR } from '../lib/paths';
import type { LoadFigures } from './load';
import { type RateFigures, type Started, atRate, settledRss, startBundle, stop, throughput } from './measure';
import { memoryOf } from './proc';
import { PUBLISHED, type PublishedFigure } from './published';
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
  startupMs: number[];
  startupCpuMs: number[];
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
}

export interface Ratios {
  startup: number;
  startupCpu: number;
  idleRss: number;
  rssAtRate: number;
  throughput: number;
  /** CPU per request divided by the baseline's: below 1 is cheaper. */
  cpuPerRequest: number;
}

export interface Check {
  what: string;
  measured: number;
  limit: number;
  met: boolean;
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
  published: PublishedFigure[];
}

export interface Progress {
  /** A bundle was built: its size in bytes. */
  bundled(target: string, bytes: number): void;
  measuring(round: number, rounds: number, target: string): void;
  measured(round: number, target: string, sample: Sample): void;
}

/** Runs the benchmark: every target each round, rounds interleaved, the order rotated each round. */
export async function runFootprint(chapter: Chapter, settings: Settings, progress: Progress): Promise<FootprintReport> {
  const { manifest, targets } = targetsFor(chapter);
  const loadAverageAtStart = os.loadavg();
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const work = fs.mkdtempSync(path.join(WORK_DIR, 'footprint-'));
  try {
    const bundles = new Map<string, { main: string; bytes: number; kib: Record<string, number> }>();
    const entries = new Map<string, string>([
      ...targets.map((t) => [t.entry, t.name] as const),
      ...manifest.services.map((s) => [path.join(chapter.solutionDir, s.entry), s.name] as const),
    ]);
    for (const [entry, name] of entries) {
      const out = path.join(work, String(bundles.size));
      const result = await bundle({ main: entry }, out);
      const kib = Object.fromEntries(Object.entries(result.packages).map(([p, b]) => [p, Math.round(b / 1024)]));
      bundles.set(entry, { main: path.join(out, 'main.js'), bytes: totalBytes(result), kib });
      progress.bundled(name, totalBytes(result));
    }

    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      const shift = (round - 1) % targets.length;
      for (const target of [...targets.slice(shift), ...targets.slice(0, shift)]) {
        progress.measuring(round, settings.rounds, target.name);
        const sample = await measureOnce(target, manifest, chapter, bundles, settings, round);
        samples.get(target.name)?.push(sample);
        progress.measured(round, target.name, sample);
      }
    }

    const results = targets.map((t) => summarise(t, samples.get(t.name) ?? [], bundles.get(t.entry)));
    const bare = results.find((r) => r.name === BARE);
    const express = results.find((r) => r.name === EXPRESS);
    for (const result of results) {
      result.vsBare = ratios(result.median, bare?.median);
      result.vsExpress = ratios(result.median, express?.median);
    }
    return {
      chapter: chapter.number,
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        loadAverageAtStart,
        note: 'The load generator (autocannon) runs on the same machine, in the benchmark process.',
      },
      settings,
      targets: results,
      checks: checks(results, settings),
      published: PUBLISHED,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function measureOnce(
  target: Target,
  manifest: Manifest,
  chapter: Chapter,
  bundles: Map<string, { main: string }>,
  settings: Settings,
  round: number,
): Promise<Sample> {
  const helpers: Started[] = [];
  try {
    const ports = new Map<string, number>();
    for (const name of target.needs) {
      const spec = manifest.services.find((s) => s.name === name);
      if (!spec) throw new Error(`${target.name} needs ${name}, which landscape.yml does not have`);
      const main = bundles.get(path.join(chapter.solutionDir, spec.entry))?.main as string;
      const helper = await startBundle(main, spec.health, resolveEnv(spec.env, ports));
      helpers.push(helper);
      ports.set(name, helper.port);
    }
    const env = resolveEnv(target.env, ports);
    const main = bundles.get(target.entry)?.main as string;
    const startupMs: number[] = [];
    const startupCpuMs: number[] = [];
    for (let i = 1; i < settings.startupsPerRound; i++) {
      const once = await startBundle(main, target.health, env);
      startupMs.push(once.startupMs);
      startupCpuMs.push(once.startupCpuMs);
      await stop(once.child);
    }
    const service = await startBundle(main, target.health, env);
    try {
      startupMs.unshift(service.startupMs);
      startupCpuMs.unshift(service.startupCpuMs);
      const pid = service.child.pid as number;
      const idleRssMiB = await settledRss(pid);
      const sample: Sample = { round, startupMs, startupCpuMs, idleRssMiB, idleUssMiB: memoryOf(pid).ussMiB };
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

function summarise(
  target: Target,
  samples: Sample[],
  built: { bytes: number; kib: Record<string, number> } | undefined,
): TargetResult {
  const of = (pick: (s: Sample) => number | undefined) => median(samples.map((s) => pick(s) ?? NaN));
  const none = { startup: NaN, startupCpu: NaN, idleRss: NaN, rssAtRate: NaN, throughput: NaN, cpuPerRequest: NaN };
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

function ratios(m: Medians, baseline: Medians | undefined): Ratios {
  return {
    startup: ratio(m.startupMs, baseline?.startupMs ?? NaN),
    startupCpu: ratio(m.startupCpuMs, baseline?.startupCpuMs ?? NaN),
    cpuPerRequest: ratio(m.cpuMsPerKRequests, baseline?.cpuMsPerKRequests ?? NaN),
    idleRss: ratio(m.idleRssMiB, baseline?.idleRssMiB ?? NaN),
    rssAtRate: ratio(m.rssAtRateMiB, baseline?.rssAtRateMiB ?? NaN),
    throughput: ratio(m.throughputRps, baseline?.throughputRps ?? NaN),
  };
}

/**
 * The targets: our code costs ≤ 10 % throughput; idle ≤ 1.2× and start-up ≤ 1.5× bare
 * node. Wall-clock start-up and throughput suffer on a busy machine, so each also has a
 * CPU-time twin (start-up CPU; CPU per request at the fixed rate), fair however busy it is.
 */
export function checks(results: TargetResult[], settings: Settings): Check[] {
  const out: Check[] = [];
  const atMost = (what: string, measured: number, limit: number) =>
    out.push({ what, measured, limit, met: measured <= limit });
  for (const r of results.filter((t) => t.kind === 'service')) {
    if (settings.load && r.name.endsWith('(own code)')) {
      const measured = r.vsExpress.throughput;
      out.push({ what: `${r.name}: throughput vs Express hello world`, measured, limit: 0.9, met: measured >= 0.9 });
      atMost(`${r.name}: CPU per request vs Express hello world`, r.vsExpress.cpuPerRequest, 1 / 0.9);
    }
    atMost(`${r.name}: idle RSS vs bare node`, r.vsBare.idleRss, 1.2);
    atMost(`${r.name}: start-up vs bare node`, r.vsBare.startup, 1.5);
    atMost(`${r.name}: start-up CPU time vs bare node`, r.vsBare.startupCpu, 1.5);
  }
  return out;
}
