import fs from 'node:fs';
import path from 'node:path';
import { fillBlocks, hintsBlock } from '../docs/blocks';
import { FIGURES } from '../docs/figures';
import { exercisesIn } from '../lib/exercises';
import { findChapter, listChapters } from '../lib/paths';

const chapter = findChapter('1');
const [exercise] = exercisesIn(chapter.solutionDir);

describe('the generated blocks of the write-ups', () => {
  it('fill a hints block with the two hints of the exercise, collapsed', () => {
    const page = `# Page\n<!-- hints:${exercise.id} -->\nold text\n<!-- /hints -->\nafter\n`;
    const filled = fillBlocks(page, chapter.solutionDir, 'page.md');
    expect(filled).toBe(`# Page\n<!-- hints:${exercise.id} -->\n${hintsBlock(exercise)}\n<!-- /hints -->\nafter\n`);
    expect(hintsBlock(exercise)).toMatch(
      /^<details><summary>Hint 1<\/summary>\n\n[^]+\n\n<\/details>\n<details><summary>Hint 2<\/summary>/,
    );
    expect(hintsBlock(exercise)).toContain(exercise.hint);
    expect(hintsBlock(exercise)).toContain(exercise.hintApi);
  });

  it('refuse a block that names no exercise or no figure set', () => {
    expect(() => fillBlocks('<!-- hints:nope -->\n<!-- /hints -->', chapter.solutionDir, 'p.md')).toThrow(
      /p\.md: <!-- hints:nope --> names no exercise/,
    );
    expect(() => fillBlocks('<!-- figures:nope -->\n<!-- /figures -->', chapter.solutionDir, 'p.md')).toThrow(
      /figures:nope --> is unknown/,
    );
  });

  it('build every figure table from a results file, with no figure typed by hand', () => {
    for (const [name, build] of Object.entries(FIGURES)) {
      const text = build();
      expect(text).toMatch(/^\| /);
      expect(text).toMatch(/scripts\/footprint\/results\/[a-z0-9-]+\.json/);
      expect(name).toMatch(/^chapter-\d\d/);
    }
  });

  it.each(listChapters().map((c) => [c.slug, c] as const))('are up to date in %s (npm run docs)', (_slug, c) => {
    for (const page of fs.readdirSync(c.starterDir).filter((f) => f.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(c.starterDir, page), 'utf8');
      expect(fillBlocks(text, c.solutionDir, page)).toBe(text);
    }
  });
});

// Hints come on request: a write-up shows the learner's starting point (the chapter's own files,
// embedded by embedme), never a solution's exercise region.
describe('the code the write-ups embed', () => {
  it.each(listChapters().map((c) => [c.slug, c] as const))('shows no exercise solution in %s', (_slug, c) => {
    for (const page of fs.readdirSync(c.starterDir).filter((f) => f.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(c.starterDir, page), 'utf8');
      for (const [, file, from, to] of text.matchAll(/^(?:\/\/|#) (\S+?)(?:#L(\d+)-L(\d+))?$/gm)) {
        const embedded = path.resolve(c.starterDir, file);
        if (!fs.existsSync(embedded) || !embedded.includes(`${path.sep}solutions${path.sep}`)) continue;
        const lines = fs.readFileSync(embedded, 'utf8').split('\n');
        const shown = from ? lines.slice(Number(from) - 1, Number(to)) : lines;
        expect({ page, file, marker: shown.find((line) => /@exercise\b/.test(line)) }).toEqual({
          page,
          file,
          marker: undefined,
        });
      }
    }
  });
});
