import { spawnSync } from 'node:child_process';
import { listFiles } from '../lib/exercises';
import { type Chapter, REPO_ROOT, previousChapter, relative } from '../lib/paths';
import { say } from '../lib/ui';

/** `npm run diff:N`: what chapter N adds to chapter N-1, as a git diff between the two solutions. */
export function diffCommand(chapter: Chapter, flags: Set<string>): number {
  const previous = previousChapter(chapter);
  if (!previous) {
    say.info(`Chapter ${chapter.number} is the first: everything in ${relative(chapter.solutionDir)} is new.`);
    for (const file of listFiles(chapter.solutionDir)) console.log(`  + ${file}`);
    return 0;
  }
  say.step(
    `What chapter ${chapter.number} changes, from ${relative(previous.solutionDir)} to ${relative(chapter.solutionDir)}:`,
  );
  const args = ['diff', '--no-index', process.stdout.isTTY ? '--color=always' : '--color=never'];
  if (flags.has('--stat')) args.push('--stat');
  const result = spawnSync('git', [...args, relative(previous.solutionDir), relative(chapter.solutionDir)], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.error) {
    say.fail(`git is needed for diffs: ${result.error.message}`);
    return 1;
  }
  return 0; // git diff exits 1 when there are differences, which is the point here
}
