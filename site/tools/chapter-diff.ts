import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../scripts/lib/exercises';

/**
 * Files that are noise in a "what changed" page: lock files, build output, local databases and
 * logs. A pattern ending in "/" matches a folder anywhere in the path; "*.ext" matches a suffix;
 * anything else matches a file name exactly.
 */
export const DIFF_IGNORE = [
  'package-lock.json',
  'node_modules/',
  'dist/',
  'coverage/',
  '*.db',
  '*.db-journal',
  '*.log',
  '*.tsbuildinfo',
  '.DS_Store',
];

export function isIgnored(file: string, ignore: readonly string[] = DIFF_IGNORE): boolean {
  const parts = file.split(/[\\/]/);
  const name = parts[parts.length - 1];
  return ignore.some((pattern) => {
    if (pattern.endsWith('/')) return parts.slice(0, -1).includes(pattern.slice(0, -1));
    if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1));
    return name === pattern;
  });
}

export type FileChange =
  | { status: 'added'; file: string; text: string; additions: number; deletions: 0 }
  | { status: 'deleted'; file: string; additions: 0; deletions: number }
  | { status: 'modified'; file: string; hunks: string; additions: number; deletions: number }
  | { status: 'binary'; file: string; additions: 0; deletions: 0 };

function isBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8000).includes(0);
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The unified diff of two files, from the first hunk on (git's header lines dropped). */
export function unifiedHunks(oldFile: string, newFile: string): string {
  const result = spawnSync(
    'git',
    ['diff', '--no-index', '--no-color', '--no-ext-diff', '--unified=3', '--', oldFile, newFile],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw new Error(`git is needed to diff the chapters: ${result.error.message}`);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`git diff ${oldFile} ${newFile} failed: ${result.stderr.trim()}`);
  }
  const start = result.stdout.indexOf('\n@@');
  return start === -1 ? '' : result.stdout.slice(start + 1).replace(/\n$/, '');
}

/**
 * The files of a folder as git sees them (tracked, or new and not ignored), so local leftovers such
 * as databases or measurement output never reach a page; every file when the folder is not in git.
 */
export function filesIn(dir: string): string[] {
  const result = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) return listFiles(dir).map((f) => f.split(path.sep).join('/'));
  return result.stdout.split('\0').filter((f) => f && fs.existsSync(path.join(dir, f)));
}

/** Every file that differs between two chapter folders, sorted by path, noise left out. */
export function diffChapters(oldDir: string, newDir: string, ignore: readonly string[] = DIFF_IGNORE): FileChange[] {
  const oldFiles = new Set(filesIn(oldDir).filter((f) => !isIgnored(f, ignore)));
  const newFiles = new Set(filesIn(newDir).filter((f) => !isIgnored(f, ignore)));
  const all = [...new Set([...oldFiles, ...newFiles])].sort();
  const changes: FileChange[] = [];
  for (const file of all) {
    const oldPath = path.join(oldDir, file);
    const newPath = path.join(newDir, file);
    const before = oldFiles.has(file) ? fs.readFileSync(oldPath) : undefined;
    const after = newFiles.has(file) ? fs.readFileSync(newPath) : undefined;
    if (before && after && before.equals(after)) continue;
    if ((before && isBinary(before)) || (after && isBinary(after))) {
      changes.push({ status: 'binary', file, additions: 0, deletions: 0 });
    } else if (!before && after) {
      const text = after.toString('utf8');
      changes.push({ status: 'added', file, text, additions: lineCount(text), deletions: 0 });
    } else if (before && !after) {
      changes.push({ status: 'deleted', file, additions: 0, deletions: lineCount(before.toString('utf8')) });
    } else {
      const hunks = unifiedHunks(oldPath, newPath);
      const lines = hunks.split('\n');
      changes.push({
        status: 'modified',
        file,
        hunks,
        additions: lines.filter((l) => l.startsWith('+')).length,
        deletions: lines.filter((l) => l.startsWith('-')).length,
      });
    }
  }
  return changes;
}
