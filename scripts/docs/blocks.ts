import { type Exercise, exercisesIn } from '../lib/exercises';
import { FIGURES } from './figures';

/**
 * Generated blocks inside the hand-written write-ups:
 *   <!-- hints:ID --> … <!-- /hints -->       the exercise's two hints, collapsed, from its markers
 *   <!-- figures:NAME --> … <!-- /figures --> a table of measured figures, from a results file
 * Everything between the two comments is replaced; the rest of the page is left as written.
 */
const BLOCK = /(<!-- (hints|figures):([a-z0-9-]+) -->\n)[\s\S]*?(<!-- \/\2 -->)/g;

export function hintsBlock(exercise: Exercise): string {
  return [
    '<details><summary>Hint 1</summary>',
    '',
    exercise.hint,
    '',
    '</details>',
    '<details><summary>Hint 2</summary>',
    '',
    exercise.hintApi,
    '',
    '</details>',
  ].join('\n');
}

/** The page with every block filled; throws when a block names an exercise or a figure set that does not exist. */
export function fillBlocks(text: string, solutionDir: string, where: string): string {
  let exercises: Exercise[] | undefined;
  return text.replace(BLOCK, (_all, open: string, kind: string, name: string, close: string) => {
    let body: string;
    if (kind === 'hints') {
      exercises ??= exercisesIn(solutionDir);
      const exercise = exercises.find((e) => e.id === name);
      if (!exercise) throw new Error(`${where}: <!-- hints:${name} --> names no exercise of this chapter`);
      body = hintsBlock(exercise);
    } else {
      const figures = FIGURES[name];
      if (!figures)
        throw new Error(`${where}: <!-- figures:${name} --> is unknown (known: ${Object.keys(FIGURES).join(', ')})`);
      body = figures();
    }
    return `${open}${body}\n${close}`;
  });
}
