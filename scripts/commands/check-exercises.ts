import fs from 'node:fs';
import path from 'node:path';
import {
  type Exercise,
  chapterExercises,
  generateStarter,
  inheritedExerciseIds,
  listFiles,
  starterDrift,
  writeTree,
} from '../lib/exercises';
import { type JestRun, exerciseTags, relatedTestFiles, runJest, testsOf } from '../lib/jest-run';
import { type Chapter, CHAPTERS_DIR, REPO_ROOT, relative } from '../lib/paths';
import { say } from '../lib/ui';

/**
 * Part of `npm test`. For every chapter it proves:
 *  1. the committed chapters/NN equals what the generator writes;
 *  2. every exercise has tests, and every [tag] in a test names an exercise;
 *  3. each exercise is really an exercise: with only that region taken out, its own tests fail
 *     and every other test that can see it still passes (so the tags are precise and the starter
 *     is fair); see testsToJudge for which tests can see it.
 * The solution passing all tests and the starter type-checking are proved by jest and tsc in `npm test`.
 */
export async function checkExercisesCommand(chapters: Chapter[]): Promise<number> {
  let problems = 0;
  const fail = (text: string) => {
    problems++;
    say.fail(text);
  };

  for (const chapter of chapters) {
    const drift = starterDrift(chapter.starterDir, generateStarter(chapter));
    if (drift.length) fail(`${relative(chapter.starterDir)} is stale (${drift.join(', ')}): run "npm run generate".`);
    else say.ok(`${relative(chapter.starterDir)} equals the generated starter`);
    if (!fs.existsSync(path.join(chapter.starterDir, 'README.md')))
      fail(`${relative(chapter.starterDir)}/README.md is missing`);

    const exercises = chapterExercises(chapter);
    const inherited = inheritedExerciseIds(chapter);
    if (exercises.length === 0) continue;
    // One tree per exercise, each missing only that exercise, all judged by a single jest run.
    const trees = new Map(exercises.map((e) => [e.id, path.join(CHAPTERS_DIR, `.check-${chapter.slug}-${e.id}`)]));
    try {
      for (const [id, dir] of trees) {
        fs.rmSync(dir, { recursive: true, force: true });
        writeTree(dir, generateStarter(chapter, new Set([id])));
      }
      const testFiles = await testsToJudge(exercises, trees);
      say.step(
        `chapter ${chapter.number}: judging ${exercises.length} starters, each missing one exercise (${testFiles.length} test files)…`,
      );
      let run = await runJest([...trees.values()], 'chapters', testFiles);
      // A test beside an exercise that failed may only have been starved of CPU by the trees judged
      // alongside: its files run once more, and their second results count.
      const suspects = filesFailingBeside(run, exercises, trees);
      if (suspects.length) {
        say.info(`${suspects.length} test file(s) failed beside an exercise: running them once more`);
        run = withRerun(run, await runJest([...trees.values()], 'chapters', suspects));
      }
      for (const exercise of exercises) {
        const problem = judge(exercise, exercises, inherited, onlyUnder(run, trees.get(exercise.id) as string));
        const label = `chapter ${chapter.number} exercise ${exercise.id}`;
        if (problem.startsWith('ok:')) say.ok(`${label}: ${problem.slice(3)}`);
        else fail(`${label}: ${problem}`);
      }
    } finally {
      for (const dir of trees.values()) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (problems) say.fail(`${problems} exercise check(s) failed`);
  return problems ? 1 : 0;
}

/**
 * The test files that can see an exercise taken out: those that import its file (directly or not)
 * and those that name it in a [tag] (they reach it through a process they start). The rest of the
 * chapter's tests run the very code the solution's own test run already passed.
 */
async function testsToJudge(exercises: Exercise[], trees: Map<string, string>): Promise<string[]> {
  const roots = [...trees.values()];
  const sources = exercises.map((e) => path.join(trees.get(e.id) as string, e.file));
  const related = await relatedTestFiles(sources, roots, 'chapters');
  const tagged = exercises.flatMap((e) => {
    const dir = trees.get(e.id) as string;
    return listFiles(dir)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => path.join(dir, file))
      .filter((file) => fs.readFileSync(file, 'utf8').includes(`[${e.id}]`));
  });
  return [...new Set([...related, ...tagged])].sort();
}

/** Files (absolute) holding a failed test that is not tagged with the exercise its tree leaves out. */
function filesFailingBeside(run: JestRun, exercises: Exercise[], trees: Map<string, string>): string[] {
  const files = new Set<string>();
  for (const exercise of exercises) {
    const { tests } = onlyUnder(run, trees.get(exercise.id) as string);
    for (const test of tests) {
      if (!test.passed && !test.name.includes(`[${exercise.id}]`)) files.add(path.join(REPO_ROOT, test.file));
    }
  }
  return [...files];
}

/** `run` with the results of the files run again replaced by their new ones. */
function withRerun(run: JestRun, again: JestRun): JestRun {
  const redone = new Set([...again.tests.map((t) => t.file), ...again.brokenFiles.map((b) => b.file)]);
  return {
    tests: [...run.tests.filter((t) => !redone.has(t.file)), ...again.tests],
    brokenFiles: [...run.brokenFiles.filter((b) => !redone.has(b.file)), ...again.brokenFiles],
  };
}

function onlyUnder(run: JestRun, dir: string): JestRun {
  const prefix = path.relative(REPO_ROOT, dir) + path.sep;
  return {
    tests: run.tests.filter((t) => t.file.startsWith(prefix)),
    brokenFiles: run.brokenFiles.filter((b) => b.file.startsWith(prefix)),
  };
}

/** "ok:<summary>" when the exercise, taken out alone, fails its own tests and only those. */
function judge(exercise: Exercise, all: Exercise[], inherited: Set<string>, run: JestRun): string {
  const unknownTags = [...exerciseTags(run)].filter((tag) => !inherited.has(tag) && !all.some((e) => e.id === tag));
  if (unknownTags.length) return `tests tag unknown exercises ${unknownTags.join(', ')}`;
  const own = testsOf(run, exercise.id);
  const others = run.tests.filter((t) => !own.includes(t));
  const ownFailing = own.filter((t) => !t.passed).length;
  const othersFailing = others.filter((t) => !t.passed);
  if (own.length === 0) return `no test is tagged [${exercise.id}]`;
  if (ownFailing === 0) return `taken out, none of its ${own.length} tests fails — it is not an exercise`;
  if (othersFailing.length || run.brokenFiles.length) {
    const names = [...othersFailing.map((t) => t.name), ...run.brokenFiles.map((b) => b.file)];
    return `taken out, it also breaks other tests: ${names.slice(0, 5).join('; ')}`;
  }
  return `ok:unsolved, ${ownFailing}/${own.length} of its tests fail; the other ${others.length} that can see it pass`;
}
