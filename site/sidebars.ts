import fs from 'node:fs';
import path from 'node:path';
import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';
import { chapterPages } from './tools/chapter-pages';

/** The "What changed in chapter N" pages that `npm run site:generate` wrote. */
function changesPages(): string[] {
  const dir = path.join(__dirname, 'docs', 'changes');
  return fs
    .readdirSync(dir)
    .filter((name) => /^chapter-\d\d\.mdx$/.test(name))
    .sort()
    .map((name) => `site/docs/changes/${name.replace(/\.mdx$/, '')}`);
}

const chapters = chapterPages();

const sidebars: SidebarsConfig = {
  workshop: [
    { type: 'doc', id: 'site/docs/intro', label: 'Introduction' },
    { type: 'doc', id: 'site/docs/architecture', label: 'Architecture' },
    {
      type: 'category',
      label: 'Chapters',
      collapsible: false,
      items:
        chapters.length > 0
          ? chapters.map((c) =>
              c.appendices.length === 0
                ? { type: 'doc' as const, id: c.docId, label: c.label }
                : {
                    type: 'category' as const,
                    label: c.label,
                    link: { type: 'doc' as const, id: c.docId },
                    collapsed: true,
                    items: c.appendices.map((a) => ({ type: 'doc' as const, id: a.docId, label: a.label })),
                  },
            )
          : [{ type: 'html' as const, value: '<em>The first chapter is being written.</em>' }],
    },
    {
      type: 'category',
      label: 'What changed',
      link: { type: 'doc', id: 'site/docs/changes/index' },
      collapsed: true,
      items: changesPages(),
    },
    { type: 'doc', id: 'site/docs/demos', label: 'Live demos' },
    { type: 'doc', id: 'site/docs/console', label: 'Landscape console' },
  ],
};

export default sidebars;
