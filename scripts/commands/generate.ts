import fs from 'node:fs';
import { generateStarter, isHandWritten, listFiles, starterDrift, writeTree } from '../lib/exercises';
import { type Chapter, relative } from '../lib/paths';
import path from 'node:path';
import { say } from '../lib/ui';

/** Writes chapters/NN from solutions/NN (keeping the hand-written write-up pages). */
export function writeStarter(chapter: Chapter): void {
  const files = generateStarter(chapter);
  for (const file of listFiles(chapter.starterDir)) {
    if (!isHandWritten(file) && !files.has(file)) fs.rmSync(path.join(chapter.starterDir, file));
  }
  writeTree(chapter.starterDir, files);
}

/** `npm run generate [N]`: regenerate the starters (all chapters, or one). */
export function generateCommand(chapters: Chapter[]): void {
  for (const chapter of chapters) {
    writeStarter(chapter);
    const drift = starterDrift(chapter.starterDir, generateStarter(chapter));
    if (drift.length)
      throw new Error(`generator is not stable for ${relative(chapter.starterDir)}: ${drift.join(', ')}`);
    say.ok(`${relative(chapter.starterDir)} generated from ${relative(chapter.solutionDir)}`);
  }
}
