import type { ChapterData, WorkshopData } from '../../tools/workshop-data';
import data from './workshop.json';

/** Typed access to site/src/data/workshop.json, which `npm run site:generate` writes. */
export type { ChapterData };

export const CHAPTERS: ChapterData[] = (data as WorkshopData).chapters;

export function chapterBySlug(slug: string): ChapterData | undefined {
  return CHAPTERS.find((c) => c.slug === slug);
}

/** Done exercises of a chapter that still exist (an exercise renamed in the solution no longer counts). */
export function doneIn(chapter: ChapterData, done: string[] | undefined): string[] {
  const ids = new Set(chapter.exercises.map((e) => e.id));
  return (done ?? []).filter((id) => ids.has(id));
}
