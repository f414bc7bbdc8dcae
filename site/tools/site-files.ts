import fs from 'node:fs';
import path from 'node:path';
import { twoDigits } from '../../scripts/lib/paths';
import { MANIFEST_FILE } from '../../scripts/lib/manifest';
import type { FileChange } from './chapter-diff';
import { diffChapters } from './chapter-diff';
import { changesPage, changesSlug } from './changes-page';
import { demosPage, loadDemos } from './demos-page';
import { GENERATED_NOTE, inlineCode } from './markdown';
import { type ChapterSource, workshopData } from './workshop-data';

/** Where the generated pages and data live, relative to the repository root. */
export const CHANGES_DIR = 'site/docs/changes';
export const DEMOS_PAGE = 'site/docs/demos.mdx';
export const DATA_FILE = 'site/src/data/workshop.json';

export interface SiteSources {
  solutionsDir: string;
  demosDir: string;
}

function listSolutionChapters(solutionsDir: string): ChapterSource[] {
  if (!fs.existsSync(solutionsDir)) return [];
  return (
    fs
      .readdirSync(solutionsDir)
      // Same rule as the CLI: a chapter exists once its solution declares its landscape.
      .filter((name) => /^\d\d-[a-z0-9-]+$/.test(name) && fs.existsSync(path.join(solutionsDir, name, MANIFEST_FILE)))
      .sort()
      .map((slug) => ({ number: Number(slug.slice(0, 2)), slug, solutionDir: path.join(solutionsDir, slug) }))
  );
}

function changesIndex(rows: { chapter: ChapterSource; previous: ChapterSource; changes: FileChange[] }[]): string {
  const table = [
    '| chapter | from → to | files | lines |',
    '| --- | --- | --- | --- |',
    ...rows.map(({ chapter, previous, changes }) => {
      const plus = changes.reduce((s, c) => s + c.additions, 0);
      const minus = changes.reduce((s, c) => s + c.deletions, 0);
      const link = `[Chapter ${chapter.number}](./chapter-${twoDigits(chapter.number)}.mdx)`;
      return `| ${link} | ${inlineCode(previous.slug)} → ${inlineCode(chapter.slug)} | ${changes.length} | +${plus} −${minus} |`;
    }),
  ].join('\n');
  return `---
title: What changed, chapter by chapter
sidebar_label: Overview
slug: /changes
description: Each chapter's solution differs from the previous one only by what the chapter teaches. Here is that difference.
---

${GENERATED_NOTE('solutions/NN-*')}

# What changed, chapter by chapter

Every solution is a complete, runnable snapshot, and ${inlineCode('solutions/NN')} differs from
${inlineCode('solutions/NN-1')} only by what chapter NN teaches: one new module and a few lines of
wiring, most of the time. These pages show that difference file by file (the same as
${inlineCode('npm run diff:N')} in a terminal). Chapter 1 starts from nothing, so it has no page here.

${rows.length === 0 ? 'The pages appear here as soon as a second chapter exists.' : table}
`;
}

/** Every generated file of the site: repository-relative path → content. */
export async function siteFiles({ solutionsDir, demosDir }: SiteSources): Promise<Map<string, string>> {
  const chapters = listSolutionChapters(solutionsDir);
  const demos = await loadDemos(demosDir);
  const files = new Map<string, string>();
  const rows = chapters.slice(1).map((chapter, i) => {
    const previous = chapters[i];
    return { chapter, previous, changes: diffChapters(previous.solutionDir, chapter.solutionDir) };
  });
  for (const { chapter, previous, changes } of rows) {
    const page = changesPage({ number: chapter.number, slug: chapter.slug, previousSlug: previous.slug, changes });
    files.set(`${CHANGES_DIR}${changesSlug(chapter.number).replace('/changes', '')}.mdx`, page);
  }
  files.set(`${CHANGES_DIR}/index.mdx`, changesIndex(rows));
  files.set(DEMOS_PAGE, demosPage(demos));
  const data = workshopData(chapters, new Set(demos.map((d) => d.number)));
  files.set(DATA_FILE, `${JSON.stringify(data, null, 2)}\n`);
  return files;
}

/** Paths (repository-relative) whose content differs from `expected`, including leftovers. */
export function staleFiles(root: string, expected: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [file, text] of expected) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) stale.push(`${file} (missing)`);
    else if (fs.readFileSync(full, 'utf8') !== text) stale.push(`${file} (out of date)`);
  }
  const changesDir = path.join(root, CHANGES_DIR);
  if (fs.existsSync(changesDir)) {
    for (const name of fs.readdirSync(changesDir)) {
      const file = `${CHANGES_DIR}/${name}`;
      if (!expected.has(file)) stale.push(`${file} (no longer generated)`);
    }
  }
  return stale;
}

/** Writes the generated files and removes leftovers; returns the paths it changed. */
export function writeSiteFiles(root: string, expected: Map<string, string>): string[] {
  const changed = staleFiles(root, expected).map((entry) => entry.replace(/ \(.*\)$/, ''));
  for (const file of changed) {
    const full = path.join(root, file);
    const text = expected.get(file);
    if (text === undefined) fs.rmSync(full, { force: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
  }
  return changed;
}
