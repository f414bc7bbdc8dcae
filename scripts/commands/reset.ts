import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { type Chapter, WORK_DIR, UsageError, relative } from '../lib/paths';
import { say } from '../lib/ui';
import { writeStarter } from './generate';

/** `npm run reset:N [-- --yes]`: back up chapters/NN, then restore the generated starter. */
export async function resetCommand(chapter: Chapter, flags: Set<string>): Promise<void> {
  const target = relative(chapter.starterDir);
  if (!flags.has('--yes')) {
    if (!process.stdin.isTTY)
      throw new UsageError(`Not a terminal: confirm with "npm run reset:${chapter.number} -- --yes".`);
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Restore ${target} to the starter? Your version is backed up first. [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      say.info('Nothing changed.');
      return;
    }
  }
  if (fs.existsSync(chapter.starterDir)) {
    const backup = path.join(WORK_DIR, 'backups', `${chapter.slug}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    fs.mkdirSync(path.dirname(backup), { recursive: true });
    fs.cpSync(chapter.starterDir, backup, { recursive: true, filter: (src) => !src.includes('node_modules') });
    say.ok(`Backed up ${target} to ${relative(backup)}`);
    for (const entry of fs.readdirSync(chapter.starterDir)) {
      if (entry !== 'README.md') fs.rmSync(path.join(chapter.starterDir, entry), { recursive: true, force: true });
    }
  }
  writeStarter(chapter);
  say.ok(`${target} is the starter again. Check it with: npm run verify:${chapter.number}`);
}
