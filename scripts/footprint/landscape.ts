import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { type Manifest, readManifest } from '../lib/manifest';
import { type Chapter, findChapter, twoDigits } from '../lib/paths';
import { checkServers, ownBrokerNames } from '../lib/rabbitmq';
import { type Landscape, nodeArgs, startLandscape } from '../lib/runner';
import {
  type FootprintReport,
  type Built,
  type LandscapeInfo,
  type Progress,
  type Sample,
  type Settings,
  type TargetResult,
  bundleAll,
  compileCacheEnv,
  measureOnce,
  newReport,
  ratios,
  rotate,
  summarise,
  workDir,
} from './run';
import { type Target, landscapeTargets } from './targets';

/** One landscape measured in the run: the chapter itself, an earlier chapter, or the chapter with other env. */
interface Variant {
  name: string;
  chapter: Chapter;
  manifest: Manifest;
  env: Record<string, string>;
  targets: Target[];
  /** The services that run beside the measured ones, started by the runner. */
  supporting: string[];
}

const HOW = {
  bundle:
    'Measured services: production bundles (esbuild), as in their images. The services beside them run from source through the runner, as `npm run chapter:N` starts them.',
  source:
    "Measured services: from source, as the runner starts them (node --import tsx, with the chapter's preload), since a bundle would inline the modules the preload must patch; start-up includes compiling TypeScript. The services beside them run the same way.",
};

/**
 * The footprint of a later chapter (03 on): per round and variant, the runner starts the
 * services nobody measures (config server, vipservice, logtail…), with RabbitMQ queues and
 * exchanges of this run's own; then each measured service (those with a `bench` entry) is started,
 * timed and loaded with the services it calls beside it, exactly as chapter 02's are. Variants
 * (the earlier chapter, an env variant) take turns, their order rotated each round.
 */
export async function runLandscapeFootprint(
  chapter: Chapter,
  settings: Settings,
  progress: Progress,
): Promise<FootprintReport> {
  const variants = variantsOf(chapter);
  const run = readManifest(chapter.solutionDir).bench?.run ?? 'bundle';
  const loadAverageAtStart = os.loadavg();
  const work = workDir();
  const broker = variants.some((v) => v.manifest.servers.includes('rabbitmq'))
    ? ownBrokerNames(`footprint-ch${twoDigits(chapter.number)}`)
    : undefined;
  let reachable = false;
  try {
    for (const variant of variants) await checkServers(variant.manifest.servers);
    reachable = true;
    const bundles =
      run === 'bundle'
        ? await bundleAll(
            new Map(
              variants.flatMap((v) => v.targets.map((t) => [t.entry, `${t.name} (chapter ${v.chapter.number})`])),
            ),
            work,
            progress,
          )
        : new Map<string, Built>();

    const samples = new Map<string, Sample[]>();
    for (let round = 1; round <= settings.rounds; round++) {
      for (const variant of rotate(variants, round)) {
        const launch = (entry: string) => {
          if (run === 'bundle') return [bundles.get(entry)?.main as string];
          const spec = variant.manifest.services.find((s) => path.join(variant.chapter.solutionDir, s.entry) === entry);
          return [...nodeArgs(spec as Manifest['services'][number], variant.chapter.solutionDir), entry];
        };
        const env = { ...broker?.env, ...variant.env };
        const landscape = await startSupporting(variant, env);
        progress.supporting?.(variant.name, variant.supporting);
        try {
          const ports = new Map(landscape.services.map((s) => [s.spec.name, s.port]));
          for (const target of rotate(variant.targets, round)) {
            const label = `${target.name} · ${variant.name}`;
            progress.measuring(round, settings.rounds, label);
            const launcher = {
              manifest: variant.manifest,
              dir: variant.chapter.solutionDir,
              launch,
              env: (entry: string) => compileCacheEnv(bundles.get(entry)),
            };
            const sample = await measureOnce(target, launcher, settings, round, { ports, env });
            samples.set(label, [...(samples.get(label) ?? []), sample]);
            progress.measured(round, label, sample);
          }
        } finally {
          await landscape.stop();
        }
      }
    }

    const results = variants.flatMap((v) =>
      v.targets.map((t): TargetResult => ({
        ...summarise(t, samples.get(`${t.name} · ${v.name}`) ?? [], bundles.get(t.entry)),
        variant: v.name,
      })),
    );
    const [own, ...others] = variants;
    for (const result of results.filter((r) => r.variant === own.name)) {
      result.versus = Object.fromEntries(
        others.map((o) => {
          const other = results.find((r) => r.variant === o.name && r.name === result.name);
          return [o.name, ratios(result.median, other?.median)];
        }),
      );
    }
    const landscape: LandscapeInfo = {
      run,
      how: HOW[run],
      variants: variants.map((v) => ({
        name: v.name,
        chapter: v.chapter.number,
        env: v.env,
        supporting: v.supporting,
      })),
    };
    return { ...newReport(chapter, settings, loadAverageAtStart, results), landscape };
  } finally {
    if (reachable) await broker?.remove();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The chapter, then what its landscape.yml's `bench` compares it with: an earlier chapter, env variants. */
export function variantsOf(chapter: Chapter): Variant[] {
  const manifest = readManifest(chapter.solutionDir);
  const variant = (name: string, of: Chapter, m: Manifest, env: Record<string, string>): Variant => {
    const targets = landscapeTargets(m, of.solutionDir);
    const measured = new Set(targets.map((t) => t.name));
    return {
      name,
      chapter: of,
      manifest: m,
      env,
      targets,
      supporting: m.services.map((s) => s.name).filter((s) => !measured.has(s)),
    };
  };
  const own = variant(`chapter ${twoDigits(chapter.number)}`, chapter, manifest, {});
  const out = [own];
  const earlier = manifest.bench?.compareWith?.chapter;
  if (earlier !== undefined) {
    const of = findChapter(String(earlier));
    const compared = variant(`chapter ${twoDigits(earlier)}`, of, readManifest(of.solutionDir), {});
    const missing = own.targets.filter((t) => !compared.targets.some((c) => c.name === t.name)).map((t) => t.name);
    if (missing.length) {
      throw new Error(
        `chapter ${earlier} measures no ${missing.join(', ')}: compareWith needs the same services with a bench entry`,
      );
    }
    out.push(compared);
  }
  for (const v of manifest.bench?.variants ?? []) out.push(variant(v.name, chapter, manifest, v.env));
  return out;
}

/** The services that run beside the measured ones, on free ports, started by the runner (none: nothing to start). */
async function startSupporting(
  variant: Variant,
  env: Record<string, string>,
): Promise<Pick<Landscape, 'services' | 'stop'>> {
  if (variant.supporting.length === 0) return { services: [], stop: async () => ({}) };
  return startLandscape({ dir: variant.chapter.solutionDir, ports: 'free', only: variant.supporting, env });
}
