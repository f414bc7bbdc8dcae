/**
 * `npm run site:generate`: writes the site's generated pages and data from the repository
 * (the "What changed" diffs, the demos index, the exercises JSON).
 * `--check` writes nothing and exits 1 when the committed files are out of date.
 */
import path from 'node:path';
import { REPO_ROOT, SOLUTIONS_DIR } from '../../scripts/lib/paths';
import { say } from '../../scripts/lib/ui';
import { siteFiles, staleFiles, writeSiteFiles } from './site-files';

export const SITE_SOURCES = { solutionsDir: SOLUTIONS_DIR, demosDir: path.join(REPO_ROOT, 'scripts', 'demos') };

/** Returns the stale files (empty when everything is fresh). */
export async function checkGenerated(): Promise<string[]> {
  return staleFiles(REPO_ROOT, await siteFiles(SITE_SOURCES));
}

async function main(check: boolean): Promise<number> {
  const started = Date.now();
  if (check) {
    const stale = await checkGenerated();
    if (stale.length === 0) {
      say.ok(`The site's generated pages are up to date (${Date.now() - started} ms).`);
      return 0;
    }
    say.fail('The site\'s generated pages are stale. Run "npm run site:generate" and commit what it writes:');
    for (const file of stale) say.info(file);
    return 1;
  }
  const changed = writeSiteFiles(REPO_ROOT, await siteFiles(SITE_SOURCES));
  if (changed.length === 0) say.ok("The site's generated pages were already up to date.");
  else for (const file of changed) say.ok(`wrote ${file}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.includes('--check')).then(
    (code) => process.exit(code),
    (err: unknown) => {
      say.fail(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
