/**
 * The site keeps its own dependencies (site/package.json, its own lockfile): Docusaurus brings
 * ~1,400 packages that a learner doing the chapters never needs. `npm run site`, `site:build` and
 * `test:site` install them on first use, and again whenever site/package-lock.json changes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths';
import { progressLine, say } from '../../scripts/lib/ui';

export const SITE_DIR = path.join(REPO_ROOT, 'site');
const LOCKFILE = path.join(SITE_DIR, 'package-lock.json');
/** Written after a successful install: the lockfile's hash it was installed from. */
const STAMP = path.join(SITE_DIR, 'node_modules', '.installed-from-lock');

function lockHash(): string {
  return createHash('sha256').update(fs.readFileSync(LOCKFILE)).digest('hex');
}

export function siteDependenciesFresh(): boolean {
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === lockHash();
}

/** `npm ci` in site/ unless the installed tree matches the lockfile; resolves when it is usable. */
export async function ensureSiteDependencies(): Promise<void> {
  if (siteDependenciesFresh()) return;
  say.step("Installing the site's own dependencies (first use; about 1,400 packages, a few minutes)…");
  const started = Date.now();
  const progress = progressLine();
  const timer = setInterval(
    () => progress.update(`  npm ci in site/ … ${Math.round((Date.now() - started) / 1000)}s`),
    1000,
  );
  const { code, output } = await npmCi();
  clearInterval(timer);
  progress.done();
  if (code !== 0) {
    throw new Error(`npm ci in site/ failed (exit ${code}):\n${output.trim().split('\n').slice(-20).join('\n')}`);
  }
  fs.writeFileSync(STAMP, lockHash());
  say.ok(`site dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function npmCi(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: SITE_DIR,
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (err) => resolve({ code: 1, output: err.message }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

// `npm run site:install`: only the install (CI starts it early, beside the tests).
if (require.main === module) {
  ensureSiteDependencies().catch((err: unknown) => {
    say.fail(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
