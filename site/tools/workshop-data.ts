import path from 'node:path';
import { exercisesIn } from '../../scripts/lib/exercises';
import { readManifest } from '../../scripts/lib/manifest';

/** What the site knows about each chapter, written to site/src/data/workshop.json. */
export interface ChapterData {
  number: number;
  slug: string;
  title: string;
  services: string[];
  servers: string[];
  /** `since`: the first chapter with an exercise of this id (a solution carries earlier chapters' markers along). */
  exercises: { id: string; task: string; hint: string; hintApi: string; file: string; since: number }[];
  hasDemo: boolean;
  /** Whether a "What changed" page exists (every chapter after the first). */
  hasChanges: boolean;
}

export interface WorkshopData {
  chapters: ChapterData[];
}

export interface ChapterSource {
  number: number;
  slug: string;
  solutionDir: string;
}

export function workshopData(chapters: ChapterSource[], demoNumbers: Set<number>): WorkshopData {
  const firstSeen = new Map<string, number>();
  return {
    chapters: chapters.map((chapter, index) => {
      const manifest = readManifest(chapter.solutionDir);
      return {
        number: chapter.number,
        slug: chapter.slug,
        title: manifest.title,
        services: manifest.services.map((s) => s.name),
        servers: manifest.servers,
        // A solution carries earlier chapters' markers along; a chapter lists only the exercises it introduces.
        exercises: exercisesIn(chapter.solutionDir)
          .filter(({ id }) => (firstSeen.get(id) ?? chapter.number) === chapter.number)
          .map(({ id, task, hint, hintApi, file }) => {
            firstSeen.set(id, chapter.number);
            return {
              id,
              task,
              hint,
              hintApi,
              file: `chapters/${chapter.slug}/${file.split(path.sep).join('/')}`,
              since: chapter.number,
            };
          }),
        hasDemo: demoNumbers.has(chapter.number),
        hasChanges: index > 0,
      };
    }),
  };
}
