import fs from 'node:fs';
import path from 'node:path';
import { CHANGES_DIR, DATA_FILE, DEMOS_PAGE, siteFiles, staleFiles, writeSiteFiles } from '../site-files';
import type { WorkshopData } from '../workshop-data';
import { MANIFEST, tempTree } from './fixtures';

const DEMO = `export default {
  title: 'Chapter 1 — the {first} <demo>',
  steps: [{ narrate: 'Start it', shows: 'npm run chapter:1', run: async () => {} }],
};
`;

describe('the generated site files', () => {
  const tree = tempTree({
    'solutions/01-rest/landscape.yml': MANIFEST(1),
    'solutions/01-rest/a/src/h.ts':
      '// @exercise not-found: Answer 404.\n// @hint Say the account is unknown.\n// @hint-api Use sendError.\nx();\n// @end\n',
    'solutions/02-swarm/landscape.yml': MANIFEST(2),
    'solutions/02-swarm/a/src/h.ts':
      '// @exercise not-found: Answer 404.\n// @hint Say the account is unknown.\n// @hint-api Use sendError.\ny();\n// @end\n',
    'solutions/02-swarm/b/q.ts':
      '// @exercise quote: Add the quote.\n// @hint Ask for a quote.\n// @hint-api Call quotes.\nq();\n// @end\n',
    'solutions/03-half-built/a/src/h.ts': 'z();\n',
    'demos/chapter-01.ts': DEMO,
  });
  afterAll(tree.cleanup);
  const sources = { solutionsDir: path.join(tree.dir, 'solutions'), demosDir: path.join(tree.dir, 'demos') };

  it('has a changes page per chapter after the first, the index, the demos page and the data', async () => {
    const files = await siteFiles(sources);
    expect([...files.keys()].sort()).toEqual(
      [`${CHANGES_DIR}/chapter-02.mdx`, `${CHANGES_DIR}/index.mdx`, DATA_FILE, DEMOS_PAGE].sort(),
    );
    expect(files.get(`${CHANGES_DIR}/chapter-02.mdx`)).toContain('3 files, +8 −3 lines.');
    expect(files.get(DEMOS_PAGE)).toContain('## Chapter 1: the \\{first\\} \\<demo\\> {#demo-1}');
    const data = JSON.parse(files.get(DATA_FILE)!) as WorkshopData;
    expect(data.chapters.map((c) => [c.slug, c.hasDemo, c.hasChanges])).toEqual([
      ['01-rest', true, false],
      ['02-swarm', false, true],
    ]);
    expect(data.chapters[0].exercises).toEqual([
      {
        id: 'not-found',
        task: 'Answer 404.',
        hint: 'Say the account is unknown.',
        hintApi: 'Use sendError.',
        file: 'chapters/01-rest/a/src/h.ts',
        since: 1,
      },
    ]);
    // chapter 2's solution still carries chapter 1's marker; it is chapter 1's exercise, not chapter 2's
    expect(data.chapters[1].exercises.map((e) => [e.id, e.since])).toEqual([['quote', 2]]);
  });

  it('finds stale, missing and leftover files, and writing fixes them all', async () => {
    const root = path.join(tree.dir, 'repo');
    const files = await siteFiles(sources);
    expect(staleFiles(root, files)).toHaveLength(files.size);
    writeSiteFiles(root, files);
    expect(staleFiles(root, files)).toEqual([]);

    fs.appendFileSync(path.join(root, DEMOS_PAGE), 'edited by hand\n');
    fs.writeFileSync(path.join(root, CHANGES_DIR, 'chapter-09.mdx'), 'old\n');
    expect(staleFiles(root, files).sort()).toEqual([
      `${CHANGES_DIR}/chapter-09.mdx (no longer generated)`,
      `${DEMOS_PAGE} (out of date)`,
    ]);
    expect(writeSiteFiles(root, files).sort()).toEqual([`${CHANGES_DIR}/chapter-09.mdx`, DEMOS_PAGE]);
    expect(staleFiles(root, files)).toEqual([]);
  });

  it('refuses a demo file that exports no demo', async () => {
    const bad = tempTree({ 'chapter-01.ts': 'export default { steps: [] };\n' });
    try {
      await expect(siteFiles({ solutionsDir: sources.solutionsDir, demosDir: bad.dir })).rejects.toThrow(
        /chapter-01\.ts must export a demo/,
      );
    } finally {
      bad.cleanup();
    }
  });
});
