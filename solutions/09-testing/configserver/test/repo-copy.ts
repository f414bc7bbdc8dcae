import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURE_REPO = path.join(__dirname, 'fixtures', 'repo');

/** A private, writable copy of a config repository (tests edit files; the committed ones stay untouched). */
export function copyRepo(from: string = FIXTURE_REPO): {
  dir: string;
  write(file: string, text: string): void;
  remove(): void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-repo-'));
  fs.cpSync(from, dir, { recursive: true });
  return {
    dir,
    write: (file, text) => fs.writeFileSync(path.join(dir, file), text),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
