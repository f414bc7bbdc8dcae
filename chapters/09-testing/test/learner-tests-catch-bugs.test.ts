import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLANTED_BUGS, type PlantedBug } from '../under-test/planted-bugs';

// In this chapter the learner writes TESTS, so "the exercise is done" means: the learner's test
// passes against the real code AND fails against the bug it is meant to catch. Each check below
// runs the learner's tagged tests in a jest of their own, twice: once as they are, once with
// PLANTED_BUG set (the under-test modules then hand out a broken variant of the code). A test that
// cannot fail, or that fails on correct code, does not count.
jest.setTimeout(180_000);

interface Check {
  id: string;
  /** The learner's test file, from this folder. */
  file: string;
  bug: PlantedBug;
}

const CHECKS: Check[] = [
  { id: 'pact-consumer', file: '../accountservice/test/quotes.pact.test.ts', bug: 'quote-always-fallback' },
  { id: 'merge-property', file: '../common/config/test/merge.property.test.ts', bug: 'merge-wrong-precedence' },
];

function repoRoot(from = __dirname): string {
  return fs.existsSync(path.join(from, 'jest.config.mjs')) ? from : repoRoot(path.dirname(from));
}

interface Outcome {
  success: boolean;
  /** Tagged tests by status. */
  passed: string[];
  failed: string[];
  output: string;
}

/** Runs the tests tagged [id] of `file` in a jest of their own; PLANTED_BUG as given. */
async function runTagged(file: string, id: string, bug?: PlantedBug): Promise<Outcome> {
  const root = repoRoot();
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'learner-test-')), 'report.json');
  const args = [
    require.resolve('jest/bin/jest', { paths: [root] }),
    path.resolve(__dirname, file),
    '--testNamePattern',
    `\\[${id}\\]`,
    '--maxWorkers=1',
    '--ci',
    '--json',
    '--outputFile',
    report,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, PLANTED_BUG: bug ?? '' };
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code: number | null = await new Promise((resolve) => child.on('close', resolve));
  if (!fs.existsSync(report)) throw new Error(`jest wrote no report (exit ${code}):\n${output.slice(-4000)}`);
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
  };
  fs.rmSync(path.dirname(report), { recursive: true, force: true });
  const results = json.testResults.flatMap((r) => r.assertionResults);
  return {
    success: code === 0,
    passed: results.filter((r) => r.status === 'passed').map((r) => r.title),
    failed: results.filter((r) => r.status === 'failed').map((r) => r.title),
    output: output.slice(-4000),
  };
}

describe('the learner’s tests catch the bugs they are written for', () => {
  it.each(CHECKS)(
    '[$id] the learner’s test passes on the real code and fails on the planted bug ($bug)',
    async ({ id, file, bug }) => {
      const onSolution = await runTagged(file, id);
      if (!onSolution.success) throw new Error(`your [${id}] test fails on correct code:\n${onSolution.output}`);
      expect(onSolution.passed.length).toBeGreaterThan(0);

      const onBug = await runTagged(file, id, bug);
      if (onBug.success) {
        throw new Error(`your [${id}] test passes although ${PLANTED_BUGS[bug]}: it must catch that bug`);
      }
      expect(onBug.failed.length).toBeGreaterThan(0);
    },
  );
});
