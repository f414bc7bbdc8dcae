import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SOLUTIONS_DIR = path.join(REPO_ROOT, 'solutions');
export const CHAPTERS_DIR = path.join(REPO_ROOT, 'chapters');
/** Scratch space for backups and check trees; git-ignored. */
export const WORK_DIR = path.join(REPO_ROOT, '.workshop');

/** A mistake in how a command was called: printed as one line, no stack trace. */
export class UsageError extends Error {}

export interface Chapter {
  number: number;
  /** e.g. "01-rest" */
  slug: string;
  solutionDir: string;
  starterDir: string;
}

/** A chapter's number as folders and files spell it: 2 → "02" (solutions/02-swarm, chapter-02.json). */
export function twoDigits(number: number): string {
  return String(number).padStart(2, '0');
}

export function listChapters(): Chapter[] {
  if (!fs.existsSync(SOLUTIONS_DIR)) return [];
  return (
    fs
      .readdirSync(SOLUTIONS_DIR)
      // A chapter exists once its solution declares its landscape; a folder still being built does not count.
      .filter(
        (name) => /^\d\d-[a-z0-9-]+$/.test(name) && fs.existsSync(path.join(SOLUTIONS_DIR, name, 'landscape.yml')),
      )
      .sort()
      .map((slug) => ({
        number: Number(slug.slice(0, 2)),
        slug,
        solutionDir: path.join(SOLUTIONS_DIR, slug),
        starterDir: path.join(CHAPTERS_DIR, slug),
      }))
  );
}

export function findChapter(arg: string | undefined): Chapter {
  const number = Number(arg);
  if (!arg || !Number.isInteger(number) || number < 1) {
    throw new UsageError(`Give a chapter number, e.g. "npm run chapter:1" (got ${JSON.stringify(arg ?? '')}).`);
  }
  const chapters = listChapters();
  const chapter = chapters.find((c) => c.number === number);
  if (!chapter) {
    const available = chapters.map((c) => c.number).join(', ') || 'none';
    throw new UsageError(`Chapter ${number} does not exist yet. Chapters available: ${available}.`);
  }
  return chapter;
}

export function previousChapter(chapter: Chapter): Chapter | undefined {
  return listChapters()
    .filter((c) => c.number < chapter.number)
    .pop();
}

export function relative(file: string): string {
  return path.relative(REPO_ROOT, file) || '.';
}
