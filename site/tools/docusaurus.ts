/**
 * `npm run site` / `npm run site:build`: regenerates the site's generated pages, then runs
 * Docusaurus on site/ (its dependencies installed on first use) with the update notifier off (it would phone the registry) and the dev server
 * on loopback. Extra arguments go to Docusaurus.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths';
import { say } from '../../scripts/lib/ui';
import { SITE_SOURCES } from './generate';
import { SITE_DIR, ensureSiteDependencies } from './site-dependencies';
import { siteFiles, writeSiteFiles } from './site-files';

export { SITE_DIR };
export const DOCUSAURUS_BIN = path.join(SITE_DIR, 'node_modules', '@docusaurus', 'core', 'bin', 'docusaurus.mjs');
export const DOCUSAURUS_ENV = { ...process.env, NO_UPDATE_NOTIFIER: '1', DOCUSAURUS_TELEMETRY_DISABLED: '1' };

const DEFAULT_ARGS: Record<string, string[]> = {
  start: ['--host', '127.0.0.1', '--no-open'],
  build: [],
};

async function main([command = 'build', ...extra]: string[]): Promise<number> {
  await ensureSiteDependencies();
  for (const file of writeSiteFiles(REPO_ROOT, await siteFiles(SITE_SOURCES))) say.info(`regenerated ${file}`);
  const args = [DOCUSAURUS_BIN, command, SITE_DIR, ...(DEFAULT_ARGS[command] ?? []), ...extra];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: DOCUSAURUS_ENV, cwd: REPO_ROOT });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      say.fail(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
