import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, waitForHealthy } from '@workshop/testkit';
import { FIXTURE_REPO } from './repo-copy';

// The composition root, run the way the chapter runner runs it: a real process on a free port.
const ENTRY = path.join(__dirname, '..', 'src', 'main.ts');
jest.setTimeout(30_000);

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('configserver as a process', () => {
  it('serves the repository from CONFIG_REPO_DIR on PORT, reports its start-up, and stops with 0 on SIGTERM', async () => {
    const port = await freePort();
    const server = start({ PORT: String(port), CONFIG_REPO_DIR: FIXTURE_REPO });
    try {
      await waitForHealthy(`http://127.0.0.1:${port}/health`, {
        abort: () => (server.child.exitCode !== null ? new Error(server.output()) : undefined),
      });
      const res = await fetch(`http://127.0.0.1:${port}/foo/dev`);
      const body = (await res.json()) as { propertySources: unknown[] };
      expect(body.propertySources).toHaveLength(4);
      expect(server.output()).toMatch(
        /configserver listening on http:\/\/127\.0\.0\.1:\d+ serving .* \(started in \d+ ms\)/,
      );
      expect(server.output()).toContain('configserver: foo/dev → 4 source(s)');
    } finally {
      server.child.kill('SIGTERM');
    }
    await expect(server.exited).resolves.toBe(0);
  });

  it('refuses to start, naming CONFIG_REPO_DIR, when the folder does not exist', async () => {
    const server = start({ PORT: String(await freePort()), CONFIG_REPO_DIR: '/no/such/config-repo' });
    await expect(server.exited).resolves.toBe(1);
    expect(server.output()).toMatch(/CONFIG_REPO_DIR="\/no\/such\/config-repo": no such folder/);
  });
});
