import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { diffChapters, filesIn, isIgnored } from '../chapter-diff';
import { tempTree } from './fixtures';

describe('isIgnored', () => {
  it.each([
    ['package-lock.json', true],
    ['accountservice/package-lock.json', true],
    ['node_modules/x/index.js', true],
    ['accountservice/dist/main.js', true],
    ['data/accounts.db', true],
    ['accountservice/src/main.ts', false],
    ['accountservice/src/distance.ts', false],
    ['notes.dbx', false],
  ])('%s → %s', (file, expected) => expect(isIgnored(file)).toBe(expected));
});

describe('diffChapters', () => {
  const tree = tempTree({
    'old/a/src/main.ts': 'one\ntwo\nthree\n',
    'old/a/src/gone.ts': 'bye\nbye\n',
    'old/same.txt': 'same\n',
    'old/package-lock.json': '{"old":true}\n',
    'old/logo.png': Buffer.from([0x89, 0x50, 0, 1, 2]),
    'new/a/src/main.ts': 'one\n2\nthree\nfour\n',
    'new/a/src/fresh.ts': 'hello\nworld\n',
    'new/same.txt': 'same\n',
    'new/package-lock.json': '{"new":true}\n',
    'new/logo.png': Buffer.from([0x89, 0x50, 0, 9, 9]),
    'new/accounts.db': 'not text either',
  });
  afterAll(tree.cleanup);
  const changes = diffChapters(path.join(tree.dir, 'old'), path.join(tree.dir, 'new'));

  it('lists only what differs, sorted, without the noise', () => {
    expect(changes.map((c) => [c.file, c.status])).toEqual([
      ['a/src/fresh.ts', 'added'],
      ['a/src/gone.ts', 'deleted'],
      ['a/src/main.ts', 'modified'],
      ['logo.png', 'binary'],
    ]);
  });

  it('gives a modified file its hunks and line counts', () => {
    const main = changes.find((c) => c.file === 'a/src/main.ts');
    expect(main?.status === 'modified' && main.hunks).toBe('@@ -1,3 +1,4 @@\n one\n-two\n+2\n three\n+four');
    expect([main?.additions, main?.deletions]).toEqual([2, 1]);
  });

  it('counts the lines of new and removed files', () => {
    expect(changes.find((c) => c.file === 'a/src/fresh.ts')).toMatchObject({ additions: 2, text: 'hello\nworld\n' });
    expect(changes.find((c) => c.file === 'a/src/gone.ts')).toMatchObject({ deletions: 2 });
  });
});

describe('filesIn', () => {
  it('lists what git would commit: tracked and new files, not ignored ones', () => {
    const tree = tempTree({ '.gitignore': '*.tmp\n', 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', 'scratch.tmp': 'x\n' });
    try {
      expect(spawnSync('git', ['init', '-q'], { cwd: tree.dir }).status).toBe(0);
      expect(spawnSync('git', ['add', 'src/a.ts'], { cwd: tree.dir }).status).toBe(0);
      expect(filesIn(path.join(tree.dir, 'src')).sort()).toEqual(['a.ts', 'b.ts']);
      expect(filesIn(tree.dir).sort()).toEqual(['.gitignore', 'src/a.ts', 'src/b.ts']);
    } finally {
      tree.cleanup();
    }
  });
});
