import { twoDigits } from '../../scripts/lib/paths';
import { DIFF_IGNORE, type FileChange } from './chapter-diff';
import { GENERATED_NOTE, anchorId, codeFence, inlineCode, languageOf } from './markdown';

/**
 * New files are shown whole, except tests and files longer than this, which are folded away (the
 * page stays readable; one click opens them). The new module itself is the lesson: keep it open.
 */
export const FOLD_NEW_FILES_OVER = 150;

export function isTestFile(file: string): boolean {
  return /(^|\/)(test|tests|__tests__)\//.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
}

export interface ChangesPageInput {
  number: number;
  slug: string;
  previousSlug: string;
  changes: FileChange[];
}

export function changesSlug(number: number): string {
  return `/changes/chapter-${twoDigits(number)}`;
}

const STATUS_LABEL: Record<FileChange['status'], string> = {
  modified: 'changed',
  added: 'new',
  deleted: 'removed',
  binary: 'binary, changed',
};

function counts(change: FileChange): string {
  if (change.status === 'binary') return '';
  return [change.additions && `+${change.additions}`, change.deletions && `−${change.deletions}`]
    .filter(Boolean)
    .join(' ');
}

function fileSection(change: FileChange, slug: string): string {
  const heading = `### ${inlineCode(change.file)} {#${anchorId('file', change.file)}}`;
  const title = `title="solutions/${slug}/${change.file}"`;
  switch (change.status) {
    case 'modified':
      return `${heading}\n\n${codeFence(change.hunks, 'diff', title)}`;
    case 'added': {
      const code = codeFence(change.text, languageOf(change.file), `${title} showLineNumbers`);
      if (change.additions <= FOLD_NEW_FILES_OVER && !isTestFile(change.file)) return `${heading}\n\n${code}`;
      return `${heading}\n\n<details>\n<summary>Show all ${change.additions} line${change.additions === 1 ? '' : 's'}</summary>\n\n${code}\n\n</details>`;
    }
    case 'deleted':
      return `${heading}\n\nRemoved (${change.deletions} lines).`;
    case 'binary':
      return `${heading}\n\nA binary file changed; it is not shown.`;
  }
}

/**
 * The diff is between two solutions, so it shows the exercises' answers (and their `@hint` lines):
 * a learner who wants to solve them first is told before scrolling into them.
 */
function answersNote(slug: string): string {
  return `:::note[Exercise answers included]

This diff is between the reference solutions, so it includes the answers to the chapter's exercises and their ${inlineCode('@hint')} lines.
To solve the exercises yourself first, work in ${inlineCode(`chapters/${slug}/`)} before reading on.

:::`;
}

/** The "What changed in chapter N" page: a summary table, then every file's diff. */
export function changesPage({ number, slug, previousSlug, changes }: ChangesPageInput): string {
  const additions = changes.reduce((sum, c) => sum + c.additions, 0);
  const deletions = changes.reduce((sum, c) => sum + c.deletions, 0);
  // New files, then changed ones, sources before tests: "the new module, its wiring, then its proof".
  const ordered = (list: FileChange[]) =>
    [...list].sort((a, b) => Number(isTestFile(a.file)) - Number(isTestFile(b.file)) || a.file.localeCompare(b.file));
  const groups: [string, FileChange[]][] = [
    ['New files', ordered(changes.filter((c) => c.status === 'added'))],
    ['Changed files', ordered(changes.filter((c) => c.status === 'modified' || c.status === 'binary'))],
    ['Removed files', ordered(changes.filter((c) => c.status === 'deleted'))],
  ];
  const table = [
    '| file | change | lines |',
    '| --- | --- | --- |',
    ...groups
      .flatMap(([, list]) => list)
      .map(
        (c) => `| [${inlineCode(c.file)}](#${anchorId('file', c.file)}) | ${STATUS_LABEL[c.status]} | ${counts(c)} |`,
      ),
  ].join('\n');
  const body = groups
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => `## ${title}\n\n${list.map((c) => fileSection(c, slug)).join('\n\n')}`)
    .join('\n\n');
  const summary =
    changes.length === 0
      ? 'The two solutions are identical (apart from the files left out below).'
      : `${changes.length} file${changes.length === 1 ? '' : 's'}, +${additions} −${deletions} lines.`;
  return `---
title: What changed in chapter ${number}
sidebar_label: Chapter ${number}
slug: ${changesSlug(number)}
hide_table_of_contents: true
description: Every file that differs between solutions/${previousSlug} and solutions/${slug}.
---

${GENERATED_NOTE(`solutions/${previousSlug} → solutions/${slug}`)}

import ChapterLink from '@site/src/components/ChapterLink';

# What changed in chapter ${number}

${answersNote(slug)}

From ${inlineCode(`solutions/${previousSlug}`)} to ${inlineCode(`solutions/${slug}`)}: ${summary}
In a terminal, ${inlineCode(`npm run diff:${number}`)} shows the same diff. <ChapterLink number={${number}} prefix="The write-up: " />

Left out as noise: ${DIFF_IGNORE.map(inlineCode).join(', ')}.

${changes.length > 0 ? `${table}\n\n${body}\n` : ''}`;
}
