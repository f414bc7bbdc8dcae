import fs from 'node:fs';
import path from 'node:path';
import type { Demo } from '../../scripts/lib/demo';
import { GENERATED_NOTE, inlineCode, mdxText } from './markdown';

export interface DemoEntry {
  number: number;
  demo: Demo;
}

function isDemo(value: unknown): value is Demo {
  const candidate = value as Partial<Demo> | undefined;
  return typeof candidate?.title === 'string' && Array.isArray(candidate.steps);
}

/** Loads `chapter-NN.ts` demos from a folder, in chapter order. A file that is not a demo is an error. */
export async function loadDemos(demosDir: string): Promise<DemoEntry[]> {
  if (!fs.existsSync(demosDir)) return [];
  const files = fs
    .readdirSync(demosDir)
    .filter((name) => /^chapter-\d\d\.ts$/.test(name))
    .sort();
  const entries: DemoEntry[] = [];
  for (const name of files) {
    const loaded = (await import(path.join(demosDir, name))) as { default?: unknown };
    // Loaded as CommonJS, the default export may arrive wrapped once more.
    const candidate = isDemo(loaded.default) ? loaded.default : (loaded.default as { default?: unknown })?.default;
    if (!isDemo(candidate)) throw new Error(`${name} must export a demo ({ title, steps }) as its default export`);
    entries.push({ number: Number(name.slice(8, 10)), demo: candidate });
  }
  return entries;
}

function demoSection({ number, demo }: DemoEntry): string {
  const steps = demo.steps
    .map((step, i) => `${i + 1}. ${mdxText(step.narrate)}${step.shows ? ` ${inlineCode(step.shows)}` : ''}`)
    .join('\n');
  return `## Chapter ${number}: ${mdxText(demo.title.replace(/^Chapter \d+\s*[—:-]\s*/, ''))} {#demo-${number}}

${inlineCode(`npm run demo:${number}`)} · ${demo.steps.length} steps · <ChapterLink number={${number}} prefix="" />

${steps}`;
}

/** The demos index: every chapter that has a demo, with its command and its narrated steps. */
export function demosPage(demos: DemoEntry[]): string {
  const list = demos.length === 0 ? 'No chapter has a demo yet.' : demos.map(demoSection).join('\n\n');
  return `---
title: Live demos
slug: /demos
description: Every chapter's narrated live demo, for presenters and for learners who want to watch a chapter run.
---

${GENERATED_NOTE('scripts/demos/chapter-NN.ts')}

import ChapterLink from '@site/src/components/ChapterLink';

# Live demos

Each chapter comes with a narrated demo for presenters. ${inlineCode('npm run demo:N')} prints what to
say, shows the command the audience could type, waits for Enter, then runs it against the
chapter's real services and shows the real output. ${inlineCode('npm run demo:N -- --auto')} runs
straight through (rehearsals, CI). The demo always stops what it started.

${list}
`;
}
