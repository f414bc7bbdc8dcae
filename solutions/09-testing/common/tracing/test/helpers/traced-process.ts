import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'traced-app.ts');
const REGISTER = path.join(__dirname, '..', '..', 'register.ts');

/** Checks until `check` returns a value (not undefined): a wait on a condition, never a fixed sleep. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface TracedProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts the fixture service the way a chapter service starts (node --require tsx/cjs --require
 * common/tracing/register.ts), with the tracing env given; resolves once it listens.
 */
export async function startTracedProcess(env: Record<string, string>): Promise<TracedProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '--require', REGISTER, FIXTURE], {
    env: { ...process.env, OTEL_SERVICE_NAME: 'traced-app', TRACING_EXPORT_DELAY_MS: '100', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => output.push(line));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const port = await eventually(
      () => {
        if (child.exitCode !== null) throw new Error(`traced-app exited ${child.exitCode}:\n${output.join('\n')}`);
        const line = output.find((l) => l.startsWith('traced-app listening on'));
        return line ? /:(\d+)$/.exec(line)?.[1] : undefined;
      },
      'traced-app to listen',
      30_000,
    );
    return { child, url: `http://127.0.0.1:${port}`, output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
