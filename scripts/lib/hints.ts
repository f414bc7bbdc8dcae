import fs from 'node:fs';
import path from 'node:path';
import type { Exercise } from './exercises';
import { type Chapter, UsageError, WORK_DIR } from './paths';
import { pc } from './ui';

/** Where the hint levels already shown are remembered (git-ignored, like the rest of .workshop/). */
export function hintsFile(): string {
  return path.join(process.env.WORKSHOP_STATE_DIR ?? WORK_DIR, 'hints.json');
}

type Levels = Record<string, number>;

function readLevels(file: string): Levels {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Levels) : {};
  } catch {
    return {};
  }
}

/**
 * The next hint level for this exercise (1 = the idea, then 2 = the API, which stays), remembered
 * in `file` so that asking again goes one level further.
 */
export function nextHintLevel(chapter: Chapter, exercise: Exercise, file = hintsFile()): 1 | 2 {
  const levels = readLevels(file);
  const key = `${chapter.number}:${exercise.id}`;
  const level = levels[key] === undefined ? 1 : 2;
  levels[key] = level;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(levels, null, 2)}\n`);
  return level;
}

export function findExercise(chapter: Chapter, exercises: Exercise[], id: string): Exercise {
  const exercise = exercises.find((e) => e.id === id);
  if (!exercise) {
    const ids = exercises.map((e) => e.id).join(', ') || 'none';
    throw new UsageError(`Chapter ${chapter.number} has no exercise "${id}". Its exercises: ${ids}.`);
  }
  return exercise;
}

/** The lines `verify:N -- --hint ID` prints. */
export function hintText(chapter: Chapter, exercise: Exercise, level: 1 | 2): string[] {
  const ask = `npm run verify:${chapter.number} -- --hint ${exercise.id}`;
  if (level === 1) {
    return [
      `${pc.bold(exercise.id)} — ${exercise.task}`,
      `${pc.yellow('Hint 1 (the idea):')} ${exercise.hint}`,
      pc.dim(`Still stuck? Ask again for the API to use: ${ask}`),
    ];
  }
  return [
    `${pc.bold(exercise.id)} — ${exercise.task}`,
    `${pc.yellow('Hint 1 (the idea):')} ${exercise.hint}`,
    `${pc.yellow('Hint 2 (the API):')}  ${exercise.hintApi}`,
  ];
}
