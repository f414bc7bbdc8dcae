import path from 'node:path';
import { parseEmbedComment, retitleCode } from '../remark-code-titles';
import { decideLink } from '../remark-repo-links';
import { tempTree } from './fixtures';

describe('parseEmbedComment', () => {
  it.each([
    [
      '// ../../solutions/01-rest/a/src/routes.ts#L20-L34',
      { written: '../../solutions/01-rest/a/src/routes.ts', from: 20, to: 34 },
    ],
    [
      '# ../../solutions/01-rest/landscape.yml',
      { written: '../../solutions/01-rest/landscape.yml', from: undefined, to: undefined },
    ],
    ['// src/x.ts#L7', { written: 'src/x.ts', from: 7, to: 7 }],
    ['<!-- docs/a.md#L1-L2 -->', { written: 'docs/a.md', from: 1, to: 2 }],
  ])('reads %s', (line, expected) => expect(parseEmbedComment(line)).toEqual(expected));

  it.each(['// just a comment', 'const x = 1;', '# Chapter 01 landscape: what runs'])('ignores %s', (line) =>
    expect(parseEmbedComment(line)).toBeUndefined(),
  );
});

describe('retitleCode', () => {
  const tree = tempTree({ 'chapters/01-rest/README.md': '# x\n', 'solutions/01-rest/a/routes.ts': 'x\n' });
  afterAll(tree.cleanup);
  const readme = path.join(tree.dir, 'chapters/01-rest/README.md');

  it('turns the comment into a title with the repository path and the file line numbers', () => {
    const node = {
      type: 'code',
      lang: 'ts',
      meta: null,
      value: '// ../../solutions/01-rest/a/routes.ts#L20-L21\n\nfoo\nbar',
    };
    expect(retitleCode(node, readme, tree.dir)).toBe(true);
    expect(node.value).toBe('foo\nbar');
    expect(node.meta).toBe('title="solutions/01-rest/a/routes.ts, lines 20–21" showLineNumbers=20');
  });

  it('leaves blocks without the comment, or with a title already, alone', () => {
    const plain = { type: 'code', lang: 'bash', meta: null, value: 'npm test' };
    const titled = { type: 'code', lang: 'ts', meta: 'title="mine"', value: '// a/b.ts\nx' };
    expect(retitleCode(plain, readme, tree.dir)).toBe(false);
    expect(retitleCode(titled, readme, tree.dir)).toBe(false);
    expect(titled.value).toBe('// a/b.ts\nx');
  });
});

describe('decideLink', () => {
  const tree = tempTree({
    'chapters/01-rest/README.md': '# one\n',
    'chapters/01-rest/accountservice/src/x.ts': 'x\n',
    'solutions/01-rest/a/routes.ts': 'x\n',
    'README.md': '# root\n',
    'site/docs/intro.mdx': '# intro\n',
  });
  afterAll(tree.cleanup);
  const from = path.join(tree.dir, 'chapters/01-rest/README.md');
  const local = { repoRoot: tree.dir };
  const withRepo = { repoRoot: tree.dir, repoUrl: 'https://github.com/o/r' };

  it('keeps links Docusaurus resolves or that are not files', () => {
    expect(decideLink('https://example.com/x.md', from, local)).toEqual({ keep: true });
    expect(decideLink('#exercises', from, local)).toEqual({ keep: true });
    expect(decideLink('../01-rest/README.md', from, local)).toEqual({ keep: true });
    expect(decideLink('../../site/docs/intro.mdx', from, local)).toEqual({ keep: true });
  });

  it('unlinks a chapter write-up that does not exist yet', () => {
    expect(decideLink('../02-swarm/README.md', from, local)).toEqual({ unlink: true });
  });

  it('unlinks repository files without a repository URL, and points at the repository with one', () => {
    expect(decideLink('../../solutions/01-rest/a/routes.ts', from, local)).toEqual({ unlink: true });
    expect(decideLink('accountservice/', from, local)).toEqual({ unlink: true });
    expect(decideLink('../../README.md#chapters', from, withRepo)).toEqual({
      url: 'https://github.com/o/r/blob/main/README.md#chapters',
    });
    expect(decideLink('accountservice/', from, withRepo)).toEqual({
      url: 'https://github.com/o/r/tree/main/chapters/01-rest/accountservice',
    });
  });

  it('leaves a link to a missing file for Docusaurus to report', () => {
    expect(decideLink('../../solutions/01-rest/nope.ts', from, local)).toEqual({ keep: true });
  });
});
