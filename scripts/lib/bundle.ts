import fs from 'node:fs';
import path from 'node:path';
import { type Metafile, build } from 'esbuild';

/**
 * The production build of a service: esbuild bundles its TypeScript and every JavaScript
 * dependency into one minified file (the Node answer to goblog's statically linked binary).
 * With the store on Node's built-in `node:sqlite` there is no native addon to ship beside it.
 */
export interface BundleResult {
  outDir: string;
  /** Output file name → size in bytes. */
  files: Record<string, number>;
  /** Bytes each npm package (or "own code") adds to the bundles, largest first. */
  packages: Record<string, number>;
}

/**
 * Bundles `entries` (output name → TypeScript entry) into `outDir`, which is emptied first,
 * with NODE_ENV fixed to "production" so dependencies drop their development paths.
 */
export async function bundle(entries: Record<string, string>, outDir: string): Promise<BundleResult> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'error',
  });
  return { outDir, files: sizes(outDir), packages: composition(result.metafile) };
}

function composition(metafile: Metafile): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1] : 'own code';
      bytes[name] = (bytes[name] ?? 0) + bytesInOutput;
    }
  }
  return Object.fromEntries(Object.entries(bytes).sort((a, b) => b[1] - a[1]));
}

function sizes(dir: string, base = dir): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, sizes(full, base));
    else out[path.relative(base, full)] = fs.statSync(full).size;
  }
  return out;
}

/** Total bytes of a bundle's files. */
export function totalBytes(result: BundleResult): number {
  return Object.values(result.files).reduce((a, b) => a + b, 0);
}

/** Where `npm run swarm -- build N` puts a service's bundle: the Docker build context reads it there. */
export function distDir(chapterDir: string, service: string): string {
  return path.join(chapterDir, service, 'dist');
}

/**
 * What goes into a service's image: its entry as main.js, plus every script of the chapter's
 * docker/ folder (healthcheck.js) bundled beside it.
 */
export function imageEntries(chapterDir: string, entry: string): Record<string, string> {
  const entries: Record<string, string> = { main: path.join(chapterDir, entry) };
  const dockerDir = path.join(chapterDir, 'docker');
  if (fs.existsSync(dockerDir)) {
    for (const file of fs.readdirSync(dockerDir).filter((f) => f.endsWith('.ts'))) {
      entries[path.basename(file, '.ts')] = path.join(dockerDir, file);
    }
  }
  return entries;
}
