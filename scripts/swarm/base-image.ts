import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { say } from '../lib/ui';
import { aptInstall } from './engine';
import { pipeTar, run } from './exec';

/** The base image CI passes to the Dockerfiles (`--build-arg BASE_IMAGE=…`); users get the public one. */
export const LOCAL_BASE_IMAGE = 'local/node-base:24';
/** Label recording which `node` the image holds, so a new Node on the machine rebuilds it. */
const NODE_LABEL = 'workshop.node-version';
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface BaseImage {
  name: string;
  /** True when this run built it (false: the cached one was reused). */
  built: boolean;
  /** How long building took (0 when cached). */
  buildMs: number;
}

/** The label value of an image, undefined when the image does not exist. */
async function imageNodeVersion(name: string): Promise<string | undefined> {
  const { code, stdout } = await run(
    'docker',
    ['image', 'inspect', '--format', `{{index .Config.Labels "${NODE_LABEL}"}}`, name],
    {
      echo: false,
      allowFailure: true,
    },
  );
  return code === 0 ? stdout.trim() : undefined;
}

/**
 * No registry is reachable here, so no `node:24-*` image can be pulled. This builds an equivalent
 * locally, once: a minimal Debian bookworm root file system (debootstrap) plus this machine's own
 * `node` (and npm), laid out like the official image (`/usr/local/bin/node`, user `node` uid 1000),
 * imported as one layer. Skipped when the image exists and holds the same Node version.
 */
export async function ensureBaseImage(name = LOCAL_BASE_IMAGE): Promise<BaseImage> {
  const have = await imageNodeVersion(name);
  if (have === process.version) {
    say.ok(`Base image ${name} (node ${have}) is cached`);
    return { name, built: false, buildMs: 0 };
  }
  say.step(
    have === undefined
      ? `Building the base image ${name}`
      : `Rebuilding ${name} (it holds node ${have || '?'}, this machine ${process.version})`,
  );
  const started = Date.now();
  await aptInstall('debootstrap', 'debootstrap');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'node-base-'));
  try {
    await run('debootstrap', ['--variant=minbase', 'bookworm', root, 'http://deb.debian.org/debian'], {
      timeoutMs: 600_000,
    });
    installNode(root);
    await run('chroot', [root, 'groupadd', '--gid', '1000', 'node']);
    await run('chroot', [
      root,
      'useradd',
      '--uid',
      '1000',
      '--gid',
      'node',
      '--shell',
      '/bin/bash',
      '--create-home',
      'node',
    ]);
    const { stdout } = await run('chroot', [root, '/usr/local/bin/node', '--version']);
    if (stdout.trim() !== process.version) throw new Error(`node in the image says ${stdout.trim()}`);
    slim(root);
    await importRootfs(root, name);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const buildMs = Date.now() - started;
  say.ok(`Built ${name} in ${(buildMs / 1000).toFixed(1)} s`);
  return { name, built: true, buildMs };
}

/** Copies the running `node` binary and, when present beside it, npm and corepack. */
function installNode(root: string): void {
  const bin = path.join(root, 'usr/local/bin');
  const lib = path.join(root, 'usr/local/lib/node_modules');
  fs.mkdirSync(bin, { recursive: true });
  fs.mkdirSync(lib, { recursive: true });
  fs.copyFileSync(process.execPath, path.join(bin, 'node'));
  fs.chmodSync(path.join(bin, 'node'), 0o755);
  const hostModules = path.resolve(path.dirname(fs.realpathSync(process.execPath)), '..', 'lib', 'node_modules');
  const tools: Record<string, Record<string, string>> = {
    npm: { npm: 'npm/bin/npm-cli.js', npx: 'npm/bin/npx-cli.js' },
    corepack: { corepack: 'corepack/dist/corepack.js' },
  };
  for (const [pkg, links] of Object.entries(tools)) {
    if (!fs.existsSync(path.join(hostModules, pkg))) continue;
    fs.cpSync(path.join(hostModules, pkg), path.join(lib, pkg), { recursive: true });
    for (const [link, target] of Object.entries(links)) {
      fs.symlinkSync(`../lib/node_modules/${target}`, path.join(bin, link));
    }
  }
}

/** Drops what a runtime image does not need (package lists, downloaded .debs, docs, man pages). */
function slim(root: string): void {
  for (const dir of [
    'var/lib/apt/lists',
    'var/cache/apt/archives',
    'usr/share/doc',
    'usr/share/man',
    'usr/share/info',
  ]) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const entry of fs.readdirSync(full)) {
      if (entry === 'partial' || entry === 'lock') continue;
      fs.rmSync(path.join(full, entry), { recursive: true, force: true });
    }
  }
}

/** `tar -C ROOT -c . | docker import --change … - NAME`. */
async function importRootfs(root: string, name: string): Promise<void> {
  const changes = [
    `ENV ${PATH_ENV}`,
    `ENV NODE_VERSION=${process.version.slice(1)}`,
    `LABEL ${NODE_LABEL}=${process.version}`,
    'CMD ["node"]',
  ];
  await pipeTar(root, ['.'], 'docker', ['import', ...changes.flatMap((c) => ['--change', c]), '-', name]);
}
