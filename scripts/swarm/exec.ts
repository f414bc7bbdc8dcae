import { spawn } from 'node:child_process';
import { pc } from '../lib/ui';

export interface RunOptions {
  /** Print the command as `$ …` before running it (what a presenter would type). Default: true. */
  echo?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the command and fail after this long. Default: 5 minutes. */
  timeoutMs?: number;
  /** Resolve instead of throwing when the command exits non-zero. */
  allowFailure?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Quotes an argument only when a shell would need it, so echoed commands can be pasted. */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map(shellQuote).join(' ');
}

/** Runs a command to completion and captures its output; a failure names the command and its stderr. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { echo = true, env, cwd, timeoutMs = 300_000, allowFailure = false } = options;
  const line = commandLine(command, args);
  if (echo) console.log(pc.dim(`  $ ${line}`));
  return new Promise((resolve, reject) => {
    // No stdin: writing to a command that exits before reading it would fail with EPIPE.
    const child = spawn(command, args, { env: env ?? process.env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${line}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? -1, stdout, stderr };
      if (result.code === 0 || allowFailure) return resolve(result);
      const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
      reject(new Error(`${line} ${why}:\n${(stderr || stdout).trim().slice(-3000)}`));
    });
  });
}

/** True when `command` is on the PATH. */
export async function onPath(command: string): Promise<boolean> {
  const { code } = await run('sh', ['-c', `command -v ${shellQuote(command)}`], { echo: false, allowFailure: true });
  return code === 0;
}

/**
 * `tar -C DIR -c PATHS… | COMMAND ARGS…` without a shell: streams a tar of some files into a
 * command that reads a context from stdin (`docker import -`, `docker build -`).
 */
export function pipeTar(
  dir: string,
  paths: string[],
  command: string,
  args: string[],
  { env, echoDir = dir }: { env?: NodeJS.ProcessEnv; echoDir?: string } = {},
): Promise<string> {
  const tarArgs = ['--numeric-owner', '-C', dir, '-c', ...paths];
  console.log(pc.dim(`  $ ${commandLine('tar', ['-C', echoDir, '-c', ...paths])} | ${commandLine(command, args)}`));
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', tarArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    const consumer = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env });
    let stdout = '';
    let errors = '';
    tar.stderr.on('data', (chunk: Buffer) => (errors += chunk));
    consumer.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    consumer.stderr.on('data', (chunk: Buffer) => (errors += chunk));
    // If the consumer exits early, its exit code says why; the broken pipe itself is no news.
    consumer.stdin.on('error', () => {});
    tar.stdout.pipe(consumer.stdin);
    let tarCode: number | null = null;
    tar.on('close', (code) => (tarCode = code));
    consumer.on('close', (code) => {
      if (code === 0 && tarCode === 0) resolve(stdout);
      else
        reject(
          new Error(
            `tar … | ${command} ${args[0]} failed (tar ${tarCode}, ${command} ${code}):\n${errors.trim().slice(-3000)}`,
          ),
        );
    });
  });
}
