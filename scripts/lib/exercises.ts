import fs from 'node:fs';
import path from 'node:path';
import { type Chapter, UsageError, listChapters, relative } from './paths';

/**
 * The exercise marker syntax, in any file whose comments start with // or #:
 *
 *   // @exercise <id>: <task, one line>
 *   // @hint <hint level 1: the idea, in words, never the answer's code>
 *   // @hint-api <hint level 2: the API or function to use>
 *   ...the solution's code...
 *   // @starter            (optional)
 *   // ...what the starter has instead, commented out here...
 *   // @end
 *
 * The starter generator replaces the region with a TODO carrying the task, followed by the
 * uncommented @starter lines, or (in code, when there are none) a throw that names the exercise.
 * Tests name the exercise they check with "[<id>]" in their title. A hint may run over several
 * lines: each further `@hint` / `@hint-api` line continues the one before.
 */
export interface Exercise {
  id: string;
  task: string;
  /** Hint level 1: the idea. */
  hint: string;
  /** Hint level 2: the API to use. */
  hintApi: string;
  /** Path relative to the chapter folder. */
  file: string;
  line: number;
}

const MARKER = /^(\s*)(\/\/|#)\s*@(exercise|hint-api|hint|starter|end)(?![\w-])\s*(.*)$/;
/**
 * Never part of a starter: build output, and what a running chapter makes for itself and git ignores
 * (chapter 08: the authserver's keys in .keys/, the edge's certificate in .tls/, the stack's secrets/).
 */
const IGNORED = new Set(['node_modules', 'dist', '.DS_Store', '.keys', '.tls', 'secrets']);
/** Written by hand in chapters/NN, not generated from the solution: the write-up and its appendix pages (*.md at the top). */
export function isHandWritten(file: string): boolean {
  return !file.includes('/') && !file.includes('\\') && file.endsWith('.md');
}

export function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (IGNORED.has(entry.name) || entry.name.endsWith('.db')) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

interface Region {
  exercise: Exercise;
  indent: string;
  comment: string;
  start: number;
  end: number;
  starter: string[] | undefined;
}

function parseRegions(text: string, file: string): Region[] {
  const lines = text.split('\n');
  const regions: Region[] = [];
  let open: Region | undefined;
  let inStarter = false;
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    const where = `${file}:${index + 1}`;
    if (!match) {
      if (open && inStarter) open.starter?.push(uncomment(line, open.comment, where));
      return;
    }
    const [, indent, comment, keyword, rest] = match;
    if (keyword === 'exercise') {
      if (open) throw new UsageError(`${where}: @exercise inside another exercise (missing @end?)`);
      const parsed = /^([a-z0-9-]+):\s*(.+)$/.exec(rest);
      if (!parsed) throw new UsageError(`${where}: write "@exercise <id>: <task>"`);
      open = {
        exercise: { id: parsed[1], task: parsed[2], hint: '', hintApi: '', file, line: index + 1 },
        indent,
        comment,
        start: index,
        end: -1,
        starter: undefined,
      };
      inStarter = false;
    } else if (!open) {
      throw new UsageError(`${where}: @${keyword} outside an exercise`);
    } else if (keyword === 'hint') {
      open.exercise.hint = join(open.exercise.hint, rest);
    } else if (keyword === 'hint-api') {
      open.exercise.hintApi = join(open.exercise.hintApi, rest);
    } else if (keyword === 'starter') {
      open.starter = [];
      inStarter = true;
    } else {
      if (!open.exercise.hint) throw new UsageError(`${where}: exercise ${open.exercise.id} has no @hint`);
      if (!open.exercise.hintApi) throw new UsageError(`${where}: exercise ${open.exercise.id} has no @hint-api`);
      open.end = index;
      regions.push(open);
      open = undefined;
    }
  });
  if (open) throw new UsageError(`${file}:${open.start + 1}: exercise ${open.exercise.id} has no @end`);
  return regions;
}

function join(text: string, more: string): string {
  return text ? `${text} ${more}` : more;
}

function uncomment(line: string, comment: string, where: string): string {
  const match = new RegExp(`^(\\s*)${comment === '#' ? '#' : '\\/\\/'} ?(.*)$`).exec(line);
  if (!match) throw new UsageError(`${where}: every @starter line must be commented out with ${comment}`);
  return (match[1] + match[2]).trimEnd(); // a blank commented line is a blank line, not indentation
}

/** The exercises marked in one file's text. */
export function exercisesInText(text: string, file = 'file'): Exercise[] {
  return parseRegions(text, file).map((r) => r.exercise);
}

export function exercisesIn(chapterDir: string): Exercise[] {
  const exercises = listFiles(chapterDir).flatMap((file) => {
    const text = fs.readFileSync(path.join(chapterDir, file), 'utf8');
    return text.includes('@exercise') ? parseRegions(text, file).map((r) => r.exercise) : [];
  });
  const seen = new Set<string>();
  for (const { id, file } of exercises) {
    if (seen.has(id)) throw new UsageError(`${relative(chapterDir)}/${file}: exercise id "${id}" is used twice`);
    seen.add(id);
  }
  return exercises;
}

/**
 * The exercises chapter N teaches: the markers in its solution that no earlier chapter had.
 * Later solutions are copies of earlier ones, so they still carry earlier chapters' markers;
 * those regions stay solved in this chapter's starter.
 */
export function chapterExercises(chapter: Chapter): Exercise[] {
  const earlier = listChapters().filter((c) => c.number < chapter.number);
  const inherited = new Set(earlier.flatMap((c) => exercisesIn(c.solutionDir).map((e) => e.id)));
  return exercisesIn(chapter.solutionDir).filter((e) => !inherited.has(e.id));
}

/** Ids of exercises earlier chapters introduced (their tags are known, not stray). */
export function inheritedExerciseIds(chapter: Chapter): Set<string> {
  const own = new Set(chapterExercises(chapter).map((e) => e.id));
  return new Set(
    exercisesIn(chapter.solutionDir)
      .map((e) => e.id)
      .filter((id) => !own.has(id)),
  );
}

/** The starter text of one file: regions named in `remove` (default: all) are taken out. */
export function starterText(text: string, file: string, chapterNumber: number, remove?: Set<string>): string {
  const regions = parseRegions(text, file);
  if (regions.length === 0) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let cursor = 0;
  for (const region of regions) {
    out.push(...lines.slice(cursor, region.start));
    cursor = region.end + 1;
    if (remove && !remove.has(region.exercise.id)) {
      out.push(...solutionLines(lines.slice(region.start, region.end + 1), region));
      continue;
    }
    const { indent, comment, exercise } = region;
    out.push(`${indent}${comment} TODO(exercise ${exercise.id}): ${exercise.task}`);
    out.push(
      `${indent}${comment} Check it with \`npm run verify:${chapterNumber}\`; a hint: \`npm run verify:${chapterNumber} -- --hint ${exercise.id}\`.`,
    );
    if (region.starter) out.push(...region.starter);
    else if (comment === '//') {
      out.push(`${indent}throw new Error('Exercise ${exercise.id} is not done yet (see the TODO above).');`);
    }
  }
  out.push(...lines.slice(cursor));
  return out.join('\n');
}

/** A region kept in a partial starter: the solution's code without its markers and starter block. */
function solutionLines(region: string[], { starter }: Region): string[] {
  const body = region.slice(1, -1);
  const code = starter ? body.slice(0, body.length - starter.length - 1) : body;
  return code.filter((line) => !/^\s*(\/\/|#)\s*@hint(-api)?(?![\w-])/.test(line));
}

/**
 * The whole starter tree of a chapter: path → content (hand-written files excluded).
 * `remove` defaults to the chapter's own exercises.
 */
export function generateStarter(
  chapter: Chapter,
  remove = new Set(chapterExercises(chapter).map((e) => e.id)),
): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of listFiles(chapter.solutionDir)) {
    if (isHandWritten(file)) continue;
    const text = fs.readFileSync(path.join(chapter.solutionDir, file), 'utf8');
    files.set(file, text.includes('@exercise') ? starterText(text, file, chapter.number, remove) : text);
  }
  return files;
}

export function writeTree(dir: string, files: Map<string, string>): void {
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

/** Files that differ between a starter folder and what the generator produces. */
export function starterDrift(starterDir: string, expected: Map<string, string>): string[] {
  const actual = listFiles(starterDir).filter((f) => !isHandWritten(f));
  const problems: string[] = [];
  for (const file of actual) if (!expected.has(file)) problems.push(`${file} (not in the solution)`);
  for (const [file, text] of expected) {
    const full = path.join(starterDir, file);
    if (!fs.existsSync(full)) problems.push(`${file} (missing)`);
    else if (fs.readFileSync(full, 'utf8') !== text) problems.push(`${file} (differs)`);
  }
  return problems;
}
