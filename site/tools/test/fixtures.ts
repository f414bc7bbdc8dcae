import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary folder filled with `files` (path → content); removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-test-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const MANIFEST = (chapter: number) => `chapter: ${chapter}
title: Fixture chapter ${chapter}
services:
  - name: accountservice
    entry: accountservice/src/main.ts
    port: 6767
    health: /health
`;
