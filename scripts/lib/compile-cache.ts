import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Node's compile cache (NODE_COMPILE_CACHE): V8's compiled code for a script, kept on disk, so a
 * start reads it instead of parsing and compiling the bundle again. The Dockerfiles make it at
 * build time with this same one-liner: load the bundle, leave before it serves anything (a bundle
 * that throws while loading fails the build).
 */
export function warmUpScript(main: string): string {
  if (main.includes("'")) throw new Error(`warm-up: a bundle path with a quote is not supported: ${main}`);
  return `require('${main}'); process.exit(0)`;
}

/** Fills `cacheDir` with the compiled code of bundle `main` (runs it up to its first await, binds nothing). */
export function warmCompileCache(main: string, cacheDir: string): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const run = spawnSync(process.execPath, ['-e', warmUpScript(path.resolve(main))], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '0', NODE_COMPILE_CACHE: cacheDir },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (run.status !== 0) {
    throw new Error(`loading ${main} to make its compile cache failed (exit ${run.status}): ${run.stderr.slice(-800)}`);
  }
}
