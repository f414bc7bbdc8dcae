import fs from 'node:fs';
import path from 'node:path';
import { type Metafile, build } from 'esbuild';
import { REPO_ROOT } from './paths';

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

export interface BundleOptions {
  /**
   * Packages left out of the bundle and copied beside it into node_modules, with every package they
   * require: OpenTelemetry's instrumentations patch a module as node loads it, which they cannot do
   * to code esbuild inlined (chapter 06: INSTRUMENTED_PACKAGES).
   */
  external?: string[];
}

/**
 * Kept out of a traced service's bundle (chapter 06): the packages its tracing patches besides node's
 * own http (express, amqplib, pino), and forwarded-parse, which the http instrumentation loads
 * through createRequire where esbuild cannot follow.
 */
export const INSTRUMENTED_PACKAGES = ['express', 'amqplib', 'pino', 'forwarded-parse'];

/**
 * Bundles `entries` (output name → TypeScript entry) into `outDir`, which is emptied first,
 * with NODE_ENV fixed to "production" so dependencies drop their development paths.
 */
export async function bundle(
  entries: Record<string, string>,
  outDir: string,
  options: BundleOptions = {},
): Promise<BundleResult> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const external = options.external ?? [];
  const result = await build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // ESM dependencies that read import.meta.url (OpenTelemetry's module hooks call createRequire
    // with it) get the bundle's own file URL: CommonJS output has no import.meta.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__bundleUrl' },
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    metafile: true,
    logLevel: 'error',
    external,
  });
  copyPackages(external, REPO_ROOT, path.join(outDir, 'node_modules'));
  return { outDir, files: sizes(outDir), packages: composition(result.metafile) };
}

/** Where node would find package `name` from `fromDir`: the nearest node_modules/<name> up the tree. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Copies each package and everything it depends on, keeping npm's layout (nested copies stay nested). */
function copyPackages(names: string[], root: string, targetModules: string): void {
  const rootModules = path.join(root, 'node_modules');
  const done = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = packageDir(name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`bundle: cannot find package ${name} (needed beside the bundle) from ${fromDir}`);
    }
    if (done.has(dir)) return;
    done.add(dir);
    fs.cpSync(dir, path.join(targetModules, path.relative(rootModules, dir)), { recursive: true, dereference: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of names) visit(name, root, false);
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
 * What goes into a service's image: its entry as main.js, its preload (chapter 06's tracing) as
 * register.js, plus every script of the chapter's docker/ folder (healthcheck.js) bundled beside it.
 */
export function imageEntries(chapterDir: string, entry: string, preload?: string): Record<string, string> {
  const entries: Record<string, string> = { main: path.join(chapterDir, entry) };
  if (preload) entries.register = path.join(chapterDir, preload);
  const dockerDir = path.join(chapterDir, 'docker');
  if (fs.existsSync(dockerDir)) {
    for (const file of fs.readdirSync(dockerDir).filter((f) => f.endsWith('.ts'))) {
      entries[path.basename(file, '.ts')] = path.join(dockerDir, file);
    }
  }
  return entries;
}
