import path from 'node:path';
import { type Manifest, type ServiceSpec, readManifest } from '../lib/manifest';
import type { Chapter } from '../lib/paths';

/** One thing the benchmark starts, measures and stops. */
export interface Target {
  name: string;
  kind: 'baseline' | 'service';
  /** TypeScript entry, bundled for production before it is measured. */
  entry: string;
  health: string;
  /** The request the load sends. */
  path: string;
  env: Record<string, string>;
  /** Services that must run beside it (not measured): manifest names. */
  needs: string[];
  note: string;
}

export const BARE = 'bare node:http';
export const EXPRESS = 'express hello';

const baselines: Target[] = [
  {
    name: BARE,
    kind: 'baseline',
    entry: path.join(__dirname, 'baselines', 'bare-http.ts'),
    health: '/health',
    path: '/',
    env: {},
    needs: [],
    note: 'node:http, a fixed JSON body',
  },
  {
    name: EXPRESS,
    kind: 'baseline',
    entry: path.join(__dirname, 'baselines', 'express-hello.ts'),
    health: '/health',
    path: '/hello',
    env: {},
    needs: [],
    note: 'Express 5, one JSON route',
  },
];

/**
 * The baselines, then each service of the chapter on its `try` request with the services it
 * calls running beside it. A service that calls others is measured a second time on its own
 * (its env references to other services removed), which isolates the cost of our own code.
 */
export function targetsFor(chapter: Chapter): { manifest: Manifest; targets: Target[] } {
  const manifest = readManifest(chapter.solutionDir);
  const services = manifest.services.flatMap((spec): Target[] => {
    const target = serviceTarget(spec, chapter.solutionDir);
    if (target.needs.length === 0) return [target];
    const alone = Object.fromEntries(Object.entries(target.env).filter(([, v]) => !v.includes('{{port:')));
    return [
      { ...target, name: `${spec.name} (own code)`, env: alone, needs: [], note: `GET ${target.path}, calls nothing` },
      { ...target, name: `${spec.name} (calls ${target.needs.join(', ')})` },
    ];
  });
  return { manifest, targets: [...baselines, ...services] };
}

/**
 * A chapter whose landscape has services the benchmark does not measure (no `bench` entry: the
 * config server, vipservice, logtail…) is measured as a landscape: those run beside the ones it does.
 */
export function isLandscape(manifest: Manifest): boolean {
  return manifest.services.some((s) => s.bench) && manifest.services.some((s) => !s.bench);
}

/** A landscape's measured services (those with a `bench` entry), each on its request with what it calls. */
export function landscapeTargets(manifest: Manifest, dir: string): Target[] {
  return manifest.services.filter((s) => s.bench).map((spec) => serviceTarget(spec, dir));
}

/** A service on its bench request (default: `try`), its env with the bench's, and the services it calls. */
function serviceTarget(spec: ServiceSpec, dir: string): Target {
  const path_ = spec.bench?.path ?? spec.try ?? spec.health;
  const env = { ...spec.env, ...spec.bench?.env };
  const needs = [...new Set([...JSON.stringify(env).matchAll(/\{\{port:([a-z0-9-]+)\}\}/g)].map((m) => m[1]))];
  return {
    name: spec.name,
    kind: 'service',
    entry: path.join(dir, spec.entry),
    health: spec.health,
    path: path_,
    env,
    needs,
    note: `GET ${path_}`,
  };
}
