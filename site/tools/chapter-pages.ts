import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths';

/** A chapter write-up the site shows: chapters/NN-topic/README.md, read where it lives. */
export interface ChapterPage {
  number: number;
  slug: string;
  /** The docs plugin's id for the page. */
  docId: string;
  /** The README's first heading as the page shows it. */
  heading: string;
  /** The sidebar label: "1. <the README's first heading, without a leading 'Chapter N'>". */
  label: string;
  /** Appendix pages beside the README (e.g. reliability.md), listed under the chapter. */
  appendices: { docId: string; label: string }[];
}

const CHAPTERS_DIR = path.join(REPO_ROOT, 'chapters');

/** The first level-1 heading, without Markdown emphasis or code marks. */
export function firstHeading(markdown: string, fallback: string): string {
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(markdown)?.[1] ?? fallback;
  return heading.replace(/[`*_]/g, '');
}

/** A sidebar label: "1. A REST service…" rather than "Chapter 1 — A REST service…". */
export function chapterLabel(number: number, heading: string): string {
  return `${number}. ${heading.replace(/^Chapter\s+\d+\s*[:.—–-]\s*/i, '')}`;
}

/** Every chapter that has a README.md, in chapter order. */
export function chapterPages(chaptersDir = CHAPTERS_DIR): ChapterPage[] {
  if (!fs.existsSync(chaptersDir)) return [];
  return fs
    .readdirSync(chaptersDir)
    .filter((slug) => /^\d\d-[a-z0-9-]+$/.test(slug))
    .filter((slug) => fs.existsSync(path.join(chaptersDir, slug, 'README.md')))
    .sort()
    .map((slug) => {
      const number = Number(slug.slice(0, 2));
      const markdown = fs.readFileSync(path.join(chaptersDir, slug, 'README.md'), 'utf8');
      const heading = firstHeading(markdown, slug);
      const appendices = fs
        .readdirSync(path.join(chaptersDir, slug))
        .filter((file) => file.endsWith('.md') && file !== 'README.md')
        .sort()
        .map((file) => ({
          docId: `chapters/${slug}/${file.replace(/\.md$/, '')}`,
          label: firstHeading(fs.readFileSync(path.join(chaptersDir, slug, file), 'utf8'), file),
        }));
      return {
        number,
        slug,
        docId: `chapters/${slug}/README`,
        heading,
        label: chapterLabel(number, heading),
        appendices,
      };
    });
}
