import type { FileChange } from '../chapter-diff';
import { FOLD_NEW_FILES_OVER, changesPage } from '../changes-page';
import { codeFence } from '../markdown';

const changes: FileChange[] = [
  { status: 'modified', file: 'a/src/main.ts', hunks: '@@ -1 +1 @@\n-x\n+y', additions: 1, deletions: 1 },
  { status: 'added', file: 'a/README.md', text: '```ts\ncode\n```\n', additions: 3, deletions: 0 },
  {
    status: 'added',
    file: 'b/big.ts',
    text: 'line\n'.repeat(FOLD_NEW_FILES_OVER + 1),
    additions: FOLD_NEW_FILES_OVER + 1,
    deletions: 0,
  },
  { status: 'deleted', file: 'old.ts', additions: 0, deletions: 4 },
  { status: 'added', file: 'a/test/main.test.ts', text: 'it();\n', additions: 1, deletions: 0 },
];

describe('codeFence', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(codeFence('a ```` b', 'md')).toBe('`````md\na ```` b\n`````');
    expect(codeFence('plain\n', 'ts', 'title="x"')).toBe('```ts title="x"\nplain\n```');
  });
});

describe('changesPage', () => {
  const page = changesPage({ number: 2, slug: '02-swarm', previousSlug: '01-rest', changes });

  it('has front matter with the title and the slug', () => {
    expect(page).toMatch(/^---\ntitle: What changed in chapter 2\n[\s\S]*slug: \/changes\/chapter-02\n/);
  });

  it("warns before the diff that it holds the exercises' answers", () => {
    const note = page.indexOf(':::note[Exercise answers included]');
    expect(note).toBeGreaterThan(page.indexOf('# What changed in chapter 2'));
    expect(note).toBeLessThan(page.indexOf('| file | change | lines |'));
    expect(page).toContain('work in `chapters/02-swarm/` before reading on');
  });

  it('sums the changes and links every file of the table to its section', () => {
    expect(page).toContain(`5 files, +${FOLD_NEW_FILES_OVER + 6} −5 lines.`);
    for (const id of [
      'file-a-src-main-ts',
      'file-a-readme-md',
      'file-b-big-ts',
      'file-old-ts',
      'file-a-test-main-test-ts',
    ]) {
      expect(page).toContain(`](#${id})`);
      expect(page).toContain(`{#${id}}`);
    }
  });

  it('shows a diff for a changed file, the code for a new one, folding long ones', () => {
    expect(page).toContain('```diff title="solutions/02-swarm/a/src/main.ts"\n@@ -1 +1 @@\n-x\n+y\n```');
    expect(page).toContain('````md title="solutions/02-swarm/a/README.md" showLineNumbers\n```ts');
    expect(page).toContain(`<summary>Show all ${FOLD_NEW_FILES_OVER + 1} lines</summary>`);
    expect(page).toContain('<summary>Show all 1 line</summary>'); // tests are folded whatever their length
    expect(page).not.toMatch(/<summary>Show all 3 lines/);
    expect(page).toContain('Removed (4 lines).');
  });

  it('lists new files first, sources before tests, then changed, then removed', () => {
    const order = ['a/README.md', 'b/big.ts', 'a/test/main.test.ts', 'a/src/main.ts', 'old.ts'];
    const positions = order.map((file) => page.indexOf(`### \`${file}\``));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((p) => p > 0)).toBe(true);
  });

  it('says so when nothing changed', () => {
    const empty = changesPage({ number: 3, slug: '03-x', previousSlug: '02-swarm', changes: [] });
    expect(empty).toContain('The two solutions are identical');
    expect(empty).not.toContain('| file |');
  });
});
