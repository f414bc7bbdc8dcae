import fs from 'node:fs';
import path from 'node:path';

/**
 * A remark plugin that makes the write-ups' relative links work on the site as they do on GitHub.
 *
 * - A link to another page of the site (a chapter's README.md, a page under site/docs) is left
 *   alone: Docusaurus turns it into the page's URL.
 * - A link to a chapter write-up that does not exist yet (`../03-config/README.md` while chapter 3
 *   is being written) becomes plain text, so the site builds and never shows a dead link.
 * - A link to any other file or folder of the repository (`../../solutions/01-rest/...`) points at
 *   the repository browser when `repoUrl` is set, and becomes plain text otherwise (the reader has
 *   the repository; the site cannot show arbitrary source files).
 *
 * Links to missing files anywhere else are left for Docusaurus to report as broken.
 */

interface MdNode {
  type: string;
  url?: string;
  children?: MdNode[];
}

export interface RepoLinksOptions {
  repoRoot: string;
  /** e.g. https://github.com/owner/repo; when set, source links point at `${repoUrl}/blob/${branch}/…`. */
  repoUrl?: string;
  branch?: string;
}

const CHAPTER_README = /^chapters\/\d\d-[a-z0-9-]+\/README\.md$/;
const SITE_PAGE = /^site\/docs\/.+\.mdx?$/;

export type LinkDecision = { keep: true } | { unlink: true } | { url: string };

export function decideLink(url: string, markdownFile: string, options: RepoLinksOptions): LinkDecision {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') || url.startsWith('#')) return { keep: true };
  const [pathname, hash = ''] = url.split('#');
  const target = path.resolve(path.dirname(markdownFile), decodeURIComponent(pathname));
  const relative = path.relative(options.repoRoot, target).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { keep: true };
  const exists = fs.existsSync(target);
  if (CHAPTER_README.test(relative) || SITE_PAGE.test(relative)) {
    return exists || !CHAPTER_README.test(relative) ? { keep: true } : { unlink: true };
  }
  if (!exists) return { keep: true };
  if (!options.repoUrl) return { unlink: true };
  const kind = fs.statSync(target).isDirectory() ? 'tree' : 'blob';
  const base = `${options.repoUrl.replace(/\/$/, '')}/${kind}/${options.branch ?? 'main'}`;
  return { url: `${base}/${relative}${hash ? `#${hash}` : ''}` };
}

function rewrite(parent: MdNode, markdownFile: string, options: RepoLinksOptions): void {
  const children = parent.children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type === 'link' && node.url !== undefined) {
      const decision = decideLink(node.url, markdownFile, options);
      if ('url' in decision) node.url = decision.url;
      if ('unlink' in decision) {
        children.splice(i, 1, ...(node.children ?? []));
        i--;
        continue;
      }
    }
    rewrite(node, markdownFile, options);
  }
}

export default function remarkRepoLinks(options: RepoLinksOptions) {
  return (tree: MdNode, file: { path?: string }) => {
    if (file.path) rewrite(tree, file.path, options);
  };
}
