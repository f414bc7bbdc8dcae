import { PassThrough } from 'node:stream';
import { type Demo, type DemoStep, runDemo } from '../lib/demo';
import { UsageError, findChapter } from '../lib/paths';

// The demo runner's interactive path, driven through its input the way a presenter's keyboard does.
const chapter = findChapter('1');

function streams(lines: string[]): { input: PassThrough; output: PassThrough; printed: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  input.end(lines.map((line) => `${line}\n`).join(''));
  return { input, output, printed: () => text };
}

function recordingDemo(): { demo: Demo; runs: string[]; cleanups: number[] } {
  const runs: string[] = [];
  const cleanups: number[] = [];
  let attempts = 0;
  const steps: DemoStep[] = [
    {
      narrate: 'flaky',
      run: async () => {
        runs.push(`flaky ${++attempts}`);
        if (attempts === 1) throw new Error('not yet');
      },
    },
    {
      narrate: 'broken',
      run: async () => {
        runs.push('broken');
        throw new Error('always');
      },
    },
    { narrate: 'last', run: async () => void runs.push('last') },
  ];
  return { demo: { title: 'test demo', steps, cleanup: () => void cleanups.push(1) }, runs, cleanups };
}

let log: jest.SpyInstance;
beforeEach(() => (log = jest.spyOn(console, 'log').mockImplementation(() => undefined)));
afterEach(() => log.mockRestore());
const logged = () => log.mock.calls.map((args: unknown[]) => args.join(' ')).join('\n');

describe('a demo run interactively', () => {
  it('waits for Enter before each step; a failed step can be retried or skipped', async () => {
    const { demo, runs, cleanups } = recordingDemo();
    const io = streams(['', 'r', '', 's', '']);
    await runDemo(chapter, demo, false, new Set(), io);
    expect(runs).toEqual(['flaky 1', 'flaky 2', 'broken', 'last']);
    expect(logged()).toContain('Step 1 failed: not yet');
    expect(logged()).toContain('Step 2 skipped.');
    expect(logged()).toContain('Demo finished.');
    expect(io.printed()).toMatch(/\[r\]etry, \[s\]kip, \[q\]uit\?/);
    expect(cleanups).toHaveLength(1);
  });

  it('quits on q, with one line and no stack trace, and still cleans up', async () => {
    const { demo, runs, cleanups } = recordingDemo();
    const io = streams(['', 'q']);
    await expect(runDemo(chapter, demo, false, new Set(), io)).rejects.toThrow(
      new UsageError('Demo stopped; what it started is stopped too.'),
    );
    expect(runs).toEqual(['flaky 1']);
    expect(cleanups).toHaveLength(1);
  });

  it('ends when its input closes (Ctrl-C), and cleans up', async () => {
    const { demo, runs, cleanups } = recordingDemo();
    await expect(runDemo(chapter, demo, false, new Set(), streams([]))).rejects.toThrow(/Demo stopped \(Ctrl-C\)/);
    expect(runs).toEqual([]);
    expect(cleanups).toHaveLength(1);
  });

  it('unattended, a failed step ends the demo saying which step and why, and cleans up', async () => {
    const { demo, cleanups } = recordingDemo();
    await expect(runDemo(chapter, demo, true)).rejects.toThrow(new UsageError('Step 1 failed: not yet'));
    expect(cleanups).toHaveLength(1);
  });
});
