import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../lib/paths';

/**
 * Runs the workshop CLI the way a user does (`npm run …` → scripts/cli.ts), without colour; resolves
 * with its exit code and everything it printed. `input` is typed into its stdin (then closed).
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    if (input !== undefined) child.stdin.end(input);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code) => resolve({ code, out }));
  });
}
