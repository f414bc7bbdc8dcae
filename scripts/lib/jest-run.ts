import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export interface TestResult {
  /** describe titles + test title, joined with " › " */
  name: string;
  file: string;
  passed: boolean;
  failure: string;
}

export interface JestRun {
  tests: TestResult[];
  /** Test files that failed before any test ran (syntax error, import error…). */
  brokenFiles: { file: string; message: string }[];
}

interface JestJson {
  testResults: {
    name: string;
    message: string;
    assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[];
  }[];
}

type Tree = 'solutions' | 'chapters';

/**
 * Runs jest on `roots` (folders of one tree) and returns per-test results; jest's own output is hidden.
 * `testFiles`, when given, are the only test files run (absolute paths under the roots).
 */
export async function runJest(roots: string[], tree: Tree, testFiles?: string[]): Promise<JestRun> {
  const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'workshop-jest-')), 'results.json');
  const args = [
    '--json',
    `--outputFile=${outputFile}`,
    '--silent',
    ...roots.flatMap((root) => ['--roots', root]),
    // Several starter trees at once (the exercise checks) each start whole landscapes: two workers,
    // not jest.config's four, or a later chapter's landscapes starve each other of the CPU.
    ...(roots.length > 1 ? ['--maxWorkers=2'] : []),
    ...(testFiles ? ['--runTestsByPath', ...testFiles] : []),
  ];
  const { code, stderr } = await jest(args, tree);
  if (!fs.existsSync(outputFile)) {
    throw new Error(`jest did not run (exit code ${code}):\n${stderr.slice(-3000)}`);
  }
  const json = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as JestJson;
  fs.rmSync(path.dirname(outputFile), { recursive: true, force: true });
  const tests: TestResult[] = [];
  const brokenFiles: JestRun['brokenFiles'] = [];
  for (const suite of json.testResults) {
    const file = path.relative(REPO_ROOT, suite.name);
    if (suite.assertionResults.length === 0 && suite.message) brokenFiles.push({ file, message: suite.message });
    for (const test of suite.assertionResults) {
      tests.push({
        name: [...test.ancestorTitles, test.title].join(' › '),
        file,
        passed: test.status === 'passed',
        failure: test.failureMessages.join('\n'),
      });
    }
  }
  return { tests, brokenFiles };
}

/** The test files under `roots` that import any of `sources`, directly or not (jest's --findRelatedTests). */
export async function relatedTestFiles(sources: string[], roots: string[], tree: Tree): Promise<string[]> {
  if (sources.length === 0) return [];
  const args = [
    ...roots.flatMap((root) => ['--roots', root]),
    '--listTests',
    '--json',
    '--findRelatedTests',
    ...sources,
  ];
  const { code, stdout, stderr } = await jest(args, tree);
  if (code !== 0) throw new Error(`jest could not list the related tests (exit code ${code}):\n${stderr.slice(-3000)}`);
  return JSON.parse(stdout) as string[];
}

function jest(args: string[], tree: Tree): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, WORKSHOP_TREE: tree, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    const stderr: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout: stdout.join(''), stderr: stderr.join('') }));
  });
}

/** The tests that check exercise `id`: those with "[id]" in their name. */
export function testsOf(run: JestRun, id: string): TestResult[] {
  return run.tests.filter((t) => t.name.includes(`[${id}]`));
}

export function exerciseTags(run: JestRun): Set<string> {
  return new Set(run.tests.flatMap((t) => [...t.name.matchAll(/\[([a-z0-9-]+)\]/g)].map((m) => m[1])));
}

/** The first meaningful lines of a jest failure message, without colour codes and stack frames. */
export function briefFailure(message: string, maxLines = 8): string {
  return (
    message
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((line) => !/^\s+at /.test(line) && line.trim() !== '')
      .slice(0, maxLines)
      .join('\n')
  );
}
