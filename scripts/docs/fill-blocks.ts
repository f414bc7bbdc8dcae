import fs from 'node:fs';
import path from 'node:path';
import { listChapters, relative } from '../lib/paths';
import { say } from '../lib/ui';
import { fillBlocks } from './blocks';

/**
 * `npm run docs`: fills the generated blocks of every chapter's write-up (and its appendix pages);
 * `--verify` (run by `npm run test:docs`) changes nothing and fails when a block is stale.
 */
function main(verify: boolean): number {
  const stale: string[] = [];
  for (const chapter of listChapters()) {
    if (!fs.existsSync(chapter.starterDir)) continue;
    const pages = fs.readdirSync(chapter.starterDir).filter((f) => f.endsWith('.md'));
    for (const page of pages) {
      const file = path.join(chapter.starterDir, page);
      const text = fs.readFileSync(file, 'utf8');
      const filled = fillBlocks(text, chapter.solutionDir, relative(file));
      if (filled === text) continue;
      stale.push(relative(file));
      if (!verify) fs.writeFileSync(file, filled);
    }
  }
  if (verify && stale.length) {
    say.fail(`Generated blocks are stale in ${stale.join(', ')}: run "npm run docs".`);
    return 1;
  }
  if (!verify) for (const file of stale) say.ok(`${file}: blocks filled`);
  return 0;
}

process.exit(main(process.argv.includes('--verify')));
