import fs from 'node:fs';
import { watch } from 'chokidar';
import { chapterExercises } from '../lib/exercises';
import { findExercise, hintText, nextHintLevel } from '../lib/hints';
import { briefFailure, runJest, testsOf } from '../lib/jest-run';
import { readManifest } from '../lib/manifest';
import { type Chapter, UsageError, relative } from '../lib/paths';
import { checkServers } from '../lib/rabbitmq';
import { pc, say } from '../lib/ui';

/**
 * `npm run verify:N [-- --watch]`: judge chapters/NN with the chapter's tests, exercise by exercise.
 * `-- --hint ID` shows one exercise's hint instead: the idea first, the API when asked again.
 */
export async function verifyCommand(chapter: Chapter, flags: Set<string>, hintId?: string): Promise<number> {
  if (hintId !== undefined) {
    const exercise = findExercise(chapter, chapterExercises(chapter), hintId);
    for (const line of hintText(chapter, exercise, nextHintLevel(chapter, exercise))) console.log(line);
    return 0;
  }
  if (!fs.existsSync(chapter.starterDir)) {
    throw new UsageError(`${relative(chapter.starterDir)} does not exist: run "npm run reset:${chapter.number}".`);
  }
  // The same check as chapter:N: without its servers every test would fail for a reason that is not yours.
  await checkServers(readManifest(chapter.starterDir).servers);
  if (!flags.has('--watch')) return verifyOnce(chapter);

  let running: Promise<unknown> = verifyOnce(chapter);
  let timer: NodeJS.Timeout | undefined;
  watch(chapter.starterDir, { ignored: /node_modules|\.db/, ignoreInitial: true }).on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => {
        console.clear();
        return verifyOnce(chapter);
      });
    }, 200);
  });
  await running;
  console.log(pc.dim(`\nWatching ${relative(chapter.starterDir)} — save a file to re-run, Ctrl-C to stop.`));
  return new Promise<number>(() => undefined);
}

async function verifyOnce(chapter: Chapter): Promise<number> {
  const exercises = chapterExercises(chapter);
  say.step(`Verifying ${relative(chapter.starterDir)} (${exercises.length} exercises)…`);
  const run = await runJest([chapter.starterDir], 'chapters');

  let done = 0;
  for (const [index, exercise] of exercises.entries()) {
    const tests = testsOf(run, exercise.id);
    const failing = tests.filter((t) => !t.passed);
    const title = `Exercise ${index + 1} ${pc.bold(exercise.id)} — ${exercise.task}`;
    if (tests.length > 0 && failing.length === 0) {
      done++;
      say.ok(title);
      continue;
    }
    say.fail(title);
    console.log(
      `    ${pc.dim('where:')} ${relative(chapter.starterDir)}/${exercise.file} (look for TODO(exercise ${exercise.id}))`,
    );
    if (tests.length === 0) console.log(`    ${pc.dim('no check of this exercise ran (see the errors below)')}`);
    else console.log(`    ${pc.dim(`failing checks (${failing.length} of ${tests.length}):`)}`);
    for (const test of failing) console.log(`      ${pc.red('•')} ${test.name}`);
    const first = failing[0];
    if (first) console.log(indent(briefFailure(first.failure), 8));
    console.log(`    ${pc.dim(`stuck? npm run verify:${chapter.number} -- --hint ${exercise.id}`)}`);
  }

  const tagged = new Set(exercises.flatMap((e) => testsOf(run, e.id)));
  const otherFailures = run.tests.filter((t) => !t.passed && !tagged.has(t));
  for (const broken of run.brokenFiles) {
    say.fail(`${broken.file} could not run:`);
    console.log(indent(briefFailure(broken.message, 12), 6));
  }
  if (otherFailures.length > 0) {
    say.warn(`${otherFailures.length} other check(s) fail too (they usually pass once the exercises do):`);
    for (const test of otherFailures.slice(0, 8))
      console.log(`    ${pc.dim('•')} ${test.name} ${pc.dim(`(${test.file})`)}`);
  }

  const allGreen = done === exercises.length && otherFailures.length === 0 && run.brokenFiles.length === 0;
  console.log();
  if (allGreen) {
    say.ok(
      pc.green(
        `Chapter ${chapter.number} done: all ${exercises.length} exercises pass. Run it: npm run chapter:${chapter.number} -- --mine`,
      ),
    );
    return 0;
  }
  say.info(`${done} of ${exercises.length} exercises done.`);
  return 1;
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}
