import fs from 'node:fs';
import path from 'node:path';

/**
 * A remark plugin for the write-ups' embedme blocks. A fenced block whose first line is a
 * comment naming a file (and optionally lines), e.g.
 *
 *     // ../../solutions/01-rest/accountservice/src/routes.ts#L18-L30
 *
 * is shown on the site with that file's repository path as the block's title and the file's own
 * line numbers; the comment line itself is dropped (GitHub still shows it, which is fine there).
 */

interface MdNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  children?: MdNode[];
}

export interface EmbedRef {
  /** The path as written in the comment. */
  written: string;
  from?: number;
  to?: number;
}

const COMMENT = /^\s*(?:\/\/|#|--|<!--|\/\*)\s*(\S+?\.[A-Za-z0-9]+)(?:#L(\d+)(?:-L?(\d+))?)?\s*(?:-->|\*\/)?\s*$/;

export function parseEmbedComment(line: string): EmbedRef | undefined {
  const match = COMMENT.exec(line);
  if (!match) return undefined;
  const [, written, from, to] = match;
  return { written, from: from ? Number(from) : undefined, to: to ? Number(to) : from ? Number(from) : undefined };
}

/** The path shown to the reader: relative to the repository when the file is found there. */
export function displayPath(written: string, markdownFile: string | undefined, repoRoot: string): string {
  const candidates = [markdownFile ? path.resolve(path.dirname(markdownFile), written) : undefined];
  candidates.push(path.resolve(repoRoot, written));
  const found = candidates.find((c): c is string => !!c && c.startsWith(repoRoot + path.sep) && fs.existsSync(c));
  return found ? path.relative(repoRoot, found).split(path.sep).join('/') : written.replace(/^(\.\.?\/)+/, '');
}

export function titleFor(ref: EmbedRef, shown: string): string {
  if (ref.from === undefined) return shown;
  return ref.to !== undefined && ref.to !== ref.from
    ? `${shown}, lines ${ref.from}–${ref.to}`
    : `${shown}, line ${ref.from}`;
}

/** Rewrites one code node in place; returns whether it was an embedme block. */
export function retitleCode(node: MdNode, markdownFile: string | undefined, repoRoot: string): boolean {
  if (node.type !== 'code' || !node.value) return false;
  if (node.meta && /\btitle=/.test(node.meta)) return false;
  const [first, ...rest] = node.value.split('\n');
  const ref = parseEmbedComment(first);
  if (!ref) return false;
  const title = titleFor(ref, displayPath(ref.written, markdownFile, repoRoot)).replace(/"/g, '\\"');
  // embedme leaves one empty line between the comment and the code.
  node.value = (rest[0] === '' ? rest.slice(1) : rest).join('\n');
  node.meta = [node.meta, `title="${title}"`, `showLineNumbers=${ref.from ?? 1}`].filter(Boolean).join(' ');
  return true;
}

function walk(node: MdNode, visit: (node: MdNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

export interface CodeTitlesOptions {
  repoRoot: string;
}

/** The plugin itself, for Docusaurus' `remarkPlugins: [[remarkCodeTitles, { repoRoot }]]`. */
export default function remarkCodeTitles(options: CodeTitlesOptions) {
  return (tree: MdNode, file: { path?: string }) => {
    walk(tree, (node) => void retitleCode(node, file.path, options.repoRoot));
  };
}
