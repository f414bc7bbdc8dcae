import fs from 'node:fs';
import path from 'node:path';
import { exercisesIn, generateStarter, starterDrift, writeTree } from '../lib/exercises';
import { exerciseTags, runJest, testsOf } from '../lib/jest-run';
import { type Chapter, CHAPTERS_DIR, relative } from '../lib/paths';
import { say } from '../lib/ui';

/**
 * Part of `npm test`. For every chapter it proves:
 *  1. the committed chapters/NN equals what the generator writes;
 *  2. every exercise has tests, and every [tag] in a test names an exercise;
 *  3. each exercise is really an exercise: with only that region taken out, its own tests fail
 *     and every other test still passes (so the tags are precise and the starter is fair).
 * The solution passing all tests and the starter type-checking are proved by jest and tsc in `npm test`.
 */
export async function checkExercisesCommand(chapters: Chapter[]): Promise<number> {
  let problems = 0;
  const fail = (text: string) => {
    problems++;
    say.fail(text);
  };

  for (const chapter of chapters) {
    const drift = starterDrift(chapter.starterDir, generateStarter(chapter.solutionDir, chapter.number));
    if (drift.length) fail(`${relative(chapter.starterDir)} is stale (${drift.join(', ')}): run "npm run generate".`);
    else say.ok(`${relative(chapter.starterDir)} equals the generated starter`);
    if (!fs.existsSync(path.join(chapter.starterDir, 'README.md')))
      fail(`${relative(chapter.starterDir)}/README.md is missing`);

    const exercises = exercisesIn(chapter.solutionDir);
    for (const exercise of exercises) {
      const checkDir = path.join(CHAPTERS_DIR, `.check-${chapter.slug}`);
      fs.rmSync(checkDir, { recursive: true, force: true });
      writeTree(checkDir, generateStarter(chapter.solutionDir, chapter.number, new Set([exercise.id])));
      try {
        const run = await runJest([checkDir], 'chapters');
        const unknownTags = [...exerciseTags(run)].filter((tag) => !exercises.some((e) => e.id === tag));
        if (unknownTags.length)
          fail(`chapter ${chapter.number}: tests tag unknown exercises ${unknownTags.join(', ')}`);
        const own = testsOf(run, exercise.id);
        const others = run.tests.filter((t) => !own.includes(t));
        const ownFailing = own.filter((t) => !t.passed).length;
        const othersFailing = others.filter((t) => !t.passed);
        const label = `chapter ${chapter.number} exercise ${exercise.id}`;
        if (own.length === 0) fail(`${label}: no test is tagged [${exercise.id}]`);
        else if (ownFailing === 0)
          fail(`${label}: taken out, none of its ${own.length} tests fails — it is not an exercise`);
        else if (othersFailing.length || run.brokenFiles.length) {
          const names = [...othersFailing.map((t) => t.name), ...run.brokenFiles.map((b) => b.file)];
          fail(`${label}: taken out, it also breaks other tests: ${names.slice(0, 5).join('; ')}`);
        } else
          say.ok(`${label}: unsolved, ${ownFailing}/${own.length} of its tests fail; the other ${others.length} pass`);
      } finally {
        fs.rmSync(checkDir, { recursive: true, force: true });
      }
    }
  }
  if (problems) say.fail(`${problems} exercise check(s) failed`);
  return problems ? 1 : 0;
}
