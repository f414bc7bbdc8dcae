import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pollUntil } from '../../lib/poll';
import { REPO_ROOT } from '../../lib/paths';
import type { Snapshot } from '../snapshot';

jest.setTimeout(60_000);

// `npm run console -- 1 --port 0` the way a user runs it: it names chapter 1's landscape, serves the
// page on 127.0.0.1, answers its snapshot, and Ctrl-C (SIGINT) stops it cleanly.
it('npm run console -- N serves the page for chapter N and stops on Ctrl-C', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'console', '1', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk));
  const exited = once(child, 'exit');
  try {
    const url = await pollUntil(
      () => `the console's URL in its output: ${out}`,
      () => /console\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1],
      { timeoutMs: 30_000 },
    );
    expect(out).toMatch(/Landscape console for chapter 1: .* \(local mode\)/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1 id="title">');
    const snapshot = await pollUntil(
      'a first snapshot',
      async () => ((await (await fetch(`${url}api/snapshot`)).json()) as Snapshot | null) ?? undefined,
      { timeoutMs: 20_000 },
    );
    expect(snapshot).toMatchObject({ chapter: 1, mode: 'local' });
    expect(snapshot.services.map((s) => s.name)).toEqual(['accountservice']);
    // Chapter 1 has no traces, breakers, logs, queues or config: those panels are absent, not empty.
    expect(Object.keys(snapshot).sort()).toEqual(['at', 'chapter', 'mode', 'notes', 'services', 'title']);
  } finally {
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
  }
});
