import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { chart } from '../footprint/chart';
import { runLandscapeFootprint } from '../footprint/landscape';
import {
  FULL,
  type FootprintReport,
  IDLE_ONLY,
  QUICK,
  type Settings,
  judged,
  labelOf,
  runFootprint,
} from '../footprint/run';
import { fmt } from '../footprint/stats';
import { table } from '../footprint/table';
import { isLandscape } from '../footprint/targets';
import { readManifest } from '../lib/manifest';
import { type Chapter, REPO_ROOT, UsageError, WORK_DIR, relative, twoDigits } from '../lib/paths';
import { pc, progressLine, say } from '../lib/ui';

/** Where a full run's figures live (committed; the site and the chapter write-up show them). */
export function resultsFile(chapter: Chapter): string {
  return path.join(REPO_ROOT, 'scripts', 'footprint', 'results', `chapter-${twoDigits(chapter.number)}.json`);
}

/**
 * `npm run footprint [-- N] [--quick] [--rate N] [--out FILE]`: start-up, memory and throughput of each
 * service of chapter N (default 2), production builds, against two baselines in the same run;
 * from chapter 03 on, the services with a `bench` entry with the rest of the landscape running
 * beside them, against what landscape.yml's `bench` compares the chapter with.
 * A full run writes scripts/footprint/results/chapter-NN.{json,svg}; --quick (1 short round) and
 * --idle (start-up and idle memory only, seconds: what demo 2 runs live) write to
 * .workshop/footprint/ unless --out says where. --recheck measures nothing: it works out the ratios,
 * the targets' checks and the image sizes again from the committed medians (after a target changed).
 */
export async function footprintCommand(
  chapter: Chapter,
  flags: Set<string>,
  out?: string,
  rate?: string,
): Promise<number> {
  if (flags.has('--recheck')) return recheck(chapter);
  const manifest = readManifest(chapter.solutionDir);
  if (manifest.bench?.instead) {
    say.fail(`The footprint does not measure chapter ${chapter.number}: ${manifest.bench.instead}`);
    return 1;
  }
  const idle = flags.has('--idle');
  const quick = flags.has('--quick') || idle;
  const settings: Settings = {
    ...(idle ? IDLE_ONLY : quick ? QUICK : FULL),
    ...(rate ? { rate: parseRate(rate) } : {}),
  };
  const jsonFile = out
    ? path.resolve(out)
    : quick
      ? path.join(
          WORK_DIR,
          'footprint',
          path.basename(resultsFile(chapter)).replace('.json', `.${idle ? 'idle' : 'quick'}.json`),
        )
      : resultsFile(chapter);

  say.step(
    `Footprint of chapter ${chapter.number}: ${settings.rounds} round(s), ${settings.rate} req/s for ${settings.rateSeconds} s, then ${settings.connections} connections for ${settings.loadSeconds} s`,
  );
  say.info(
    `${os.cpus().length} CPU(s), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; the load generator shares these CPUs. On a shared machine, compare ratios rather than absolutes.`,
  );
  const line = progressLine();
  const run = isLandscape(manifest) ? runLandscapeFootprint : runFootprint;
  const report = await run(chapter, settings, {
    bundled: (target, bytes) => say.info(`bundled ${target}: ${(bytes / 1024).toFixed(0)} KiB of JavaScript`),
    supporting: (variant, services) => {
      line.done();
      say.info(`${variant}: ${services.join(', ')} running beside the measured services`);
    },
    measuring: (round, rounds, target) => line.update(`  round ${round}/${rounds}: measuring ${target}…`),
    measured: (round, target, s) => {
      line.done();
      const load = s.load
        ? `  @rate ${fmt(s.atRate?.rssMiB ?? NaN)} MiB p99 ${fmt(s.atRate?.p99Ms ?? NaN)} ms  max ${fmt(s.load.rps, 0)} req/s  peak ${fmt(s.peakRssMiB ?? NaN)} MiB`
        : '';
      const cold =
        s.coldStartupMs === undefined
          ? ''
          : `; without compile cache ${s.coldStartupMs.map((ms) => fmt(ms, 0)).join('/')} ms, ${fmt(s.coldIdleRssMiB ?? NaN)} MiB`;
      console.log(
        `  ${pc.dim(`round ${round}`)} ${target.padEnd(36)} start ${s.startupMs.map((ms) => fmt(ms, 0)).join('/')} ms (CPU ${s.startupCpuMs.map((ms) => fmt(ms, 0)).join('/')}${cold})  idle ${fmt(s.idleRssMiB)} MiB${load}`,
      );
    },
  });

  console.log(`\n${table(report)}\n`);
  if (report.landscape) say.info(report.landscape.how);
  printChecks(report);
  await write(report, jsonFile);
  return 0;
}

async function recheck(chapter: Chapter): Promise<number> {
  const file = resultsFile(chapter);
  if (!fs.existsSync(file))
    throw new UsageError(`${relative(file)} is missing: run "npm run footprint -- ${chapter.number}" first.`);
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as FootprintReport;
  if (report.landscape) throw new UsageError(`${relative(file)} is a landscape run: it has no targets to check.`);
  const rechecked = judged(chapter, report);
  printChecks(rechecked);
  await write(rechecked, file);
  return 0;
}

/** Writes the report's JSON and its chart beside it. */
async function write(report: FootprintReport, jsonFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  // Formatted as `npm run lint` expects of every JSON file in the repository.
  const options = (await prettier.resolveConfig(jsonFile)) ?? {};
  fs.writeFileSync(jsonFile, await prettier.format(JSON.stringify(report), { ...options, parser: 'json' }));
  const svgFile = jsonFile.replace(/\.json$/, '') + '.svg';
  fs.writeFileSync(svgFile, chart(report));
  say.ok(`Figures: ${relative(jsonFile)}  Chart: ${relative(svgFile)}`);
}

function printChecks(report: FootprintReport): void {
  for (const check of report.checks) {
    const text = `${check.what}: ${fmt(check.measured, 2)}× (target ${check.atLeast ? '≥' : '≤'} ${fmt(check.limit, 2)}×, ${check.source})`;
    (check.met ? say.ok : say.warn)(check.met ? `${text} — met` : `${text} — missed`);
  }
  for (const own of report.targets.filter((t) => t.name.endsWith('(own code)') && report.settings.load)) {
    say.info(
      `${own.name}: throughput ${fmt(own.vsBare.throughput, 2)}× a bare node:http server (no target: the rest is Express)`,
    );
  }
  if (report.images) {
    const sizes = Object.entries(report.images.services)
      .map(([name, i]) => `${name} ${fmt(i.totalMiB)} MiB (base + ${fmt(i.appMiB)})`)
      .join(', ');
    say.info(
      `images: ${sizes}; base ${report.images.base.name} ${fmt(report.images.base.MiB)} MiB; ${report.images.go}`,
    );
  }
  const services = report.targets.filter(
    (t) => t.kind === 'service' && !t.name.endsWith('(own code)') && Number.isFinite(t.bundleBytes),
  );
  for (const service of services) {
    const biggest = Object.entries(service.bundleKiB)
      .slice(0, 4)
      .map(([name, kib]) => `${name} ${kib} KiB`)
      .join(', ');
    say.info(`${labelOf(service)}: bundle ${(service.bundleBytes / 1024).toFixed(0)} KiB — largest parts: ${biggest}`);
  }
  if (report.targets.some((t) => t.median.failed > 0)) {
    say.warn(`Some requests failed: ${report.targets.map((t) => `${t.name} ${t.median.failed}`).join(', ')}`);
  }
}

/** --rate: the fixed rate of the CPU-per-request phase (default goblog's 1,000 req/s). */
function parseRate(text: string): number {
  const rate = Number(text);
  if (!Number.isInteger(rate) || rate < 1 || rate > 100_000) {
    throw new UsageError(`--rate wants requests per second, a whole number from 1 to 100000 (got "${text}")`);
  }
  return rate;
}
