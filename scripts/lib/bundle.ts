import fs from 'node:fs';
import path from 'node:path';
import { type Metafile, build } from 'esbuild';
import { REPO_ROOT } from './paths';

/**
 * The production build of a service: esbuild bundles its TypeScript and every JavaScript
 * dependency into one minified file (the Node answer to goblog's statically linked binary).
 * Native addons cannot be bundled: they go beside the bundle in node_modules/, with only the
 * files they need at run time.
 */
const NATIVE_RUNTIME: Record<string, { files: string[]; needs: string[] }> = {
  'better-sqlite3': { files: ['package.json', 'lib', 'build/Release/better_sqlite3.node'], needs: ['bindings'] },
  bindings: { files: ['package.json', 'bindings.js'], needs: ['file-uri-to-path'] },
  'file-uri-to-path': { files: ['package.json', 'index.js'], needs: [] },
};
const EXTERNAL = Object.keys(NATIVE_RUNTIME);

export interface BundleResult {
  outDir: string;
  /** Output file name → size in bytes (the bundles and the native files). */
  files: Record<string, number>;
  /** Native packages copied beside the bundle. */
  natives: string[];
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
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: EXTERNAL,
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'error',
  });
  const used = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const { path: imported, external } of output.imports)
      if (external && EXTERNAL.includes(imported)) used.add(imported);
  }
  const natives = [...closure(used)];
  for (const name of natives) copyRuntimeFiles(name, path.join(outDir, 'node_modules', name));
  return { outDir, files: sizes(outDir), natives, packages: composition(result.metafile) };
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

function closure(names: Set<string>): Set<string> {
  const all = new Set<string>();
  const visit = (name: string) => {
    if (all.has(name)) return;
    all.add(name);
    NATIVE_RUNTIME[name].needs.forEach(visit);
  };
  names.forEach(visit);
  return all;
}

function copyRuntimeFiles(name: string, to: string): void {
  const from = path.dirname(require.resolve(`${name}/package.json`, { paths: [REPO_ROOT] }));
  for (const file of NATIVE_RUNTIME[name].files) {
    fs.cpSync(path.join(from, file), path.join(to, file), { recursive: true });
  }
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
 * docker/ folder (healthcheck.js, check-native.js) bundled beside it.
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
