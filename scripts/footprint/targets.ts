import path from 'node:path';
import { type Manifest, readManifest } from '../lib/manifest';
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
    const base = {
      kind: 'service' as const,
      entry: path.join(chapter.solutionDir, spec.entry),
      health: spec.health,
      path: spec.bench?.path ?? spec.try ?? spec.health,
    };
    const env = { ...spec.env, ...spec.bench?.env };
    const needs = [...new Set([...JSON.stringify(env).matchAll(/\{\{port:([a-z0-9-]+)\}\}/g)].map((m) => m[1]))];
    const alone = Object.fromEntries(Object.entries(env).filter(([, v]) => !v.includes('{{port:')));
    if (needs.length === 0) return [{ ...base, name: spec.name, env, needs, note: `GET ${base.path}` }];
    return [
      { ...base, name: `${spec.name} (own code)`, env: alone, needs: [], note: `GET ${base.path}, calls nothing` },
      { ...base, name: `${spec.name} (calls ${needs.join(', ')})`, env, needs, note: `GET ${base.path}` },
    ];
  });
  return { manifest, targets: [...baselines, ...services] };
}
