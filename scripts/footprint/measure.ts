import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { waitForHealthy } from '../lib/health';
import { REPO_ROOT } from '../lib/paths';
import { LOCAL_HOST, freePort } from '../lib/ports';
import { type LoadFigures, runLoad } from './load';
import { cpuMsOf, memoryOf } from './proc';

export interface Started {
  child: ChildProcess;
  port: number;
  url: string;
  /** From spawn to the first HTTP 200 on the health path. */
  startupMs: number;
  /** CPU time the process used until then: start-up cost without the waiting for a CPU. */
  startupCpuMs: number;
}

export interface RateFigures extends LoadFigures {
  /** Mean resident memory while the rate was held. */
  rssMiB: number;
  /** CPU used, in % of one core. */
  cpuPercent: number;
  /** CPU milliseconds per 1,000 requests served: the cost of a request, however busy the machine. */
  cpuMsPerKRequests: number;
}

const STARTUP_TIMEOUT_MS = 30_000;
const POLL_MS = 5;

/**
 * Spawns `node <bundle>` in production mode with only the environment given, and polls its health
 * URL until the first 200 (every 5 ms, each poll on a new connection).
 */
export function startBundle(main: string, health: string, env: Record<string, string>): Promise<Started> {
  return startNode([main], health, env);
}

/**
 * The same for any node command line (`args` after `node`), run from the repository root: a service
 * from source, as the runner starts it. Its output lines go nowhere: the figures are its own cost of
 * writing them, not a log pipeline's.
 */
export async function startNode(args: string[], health: string, env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const stderr: string[] = [];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env, PORT: String(port), HOST: LOCAL_HOST },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = () => (child.exitCode !== null ? new Error(`exit code ${child.exitCode}`) : undefined);
  try {
    await waitForHealthy(url + health, { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: POLL_MS, abort: exited });
  } catch (error) {
    await stop(child);
    throw new Error(
      `${args.at(-1)} did not become healthy (${(error as Error).message}): ${stderr.join('').slice(-800)}`,
      {
        cause: error,
      },
    );
  }
  const startupMs = performance.now() - started;
  return { child, port, url, startupMs, startupCpuMs: cpuMsOf(child.pid as number) };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident memory once it stops moving (5 samples 100 ms apart within 1 %), at most 3 s after start. */
export async function settledRss(pid: number): Promise<number> {
  const samples: number[] = [];
  const deadline = Date.now() + 3000;
  for (;;) {
    samples.push(memoryOf(pid).rssMiB);
    const last = samples.slice(-5);
    const stable = last.length === 5 && Math.max(...last) - Math.min(...last) <= Math.max(...last) * 0.01;
    if (stable || Date.now() > deadline) return last[last.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** As many requests as `connections` keep-alive connections can get answered in `seconds`. */
export function throughput(url: string, connections: number, seconds: number): Promise<LoadFigures> {
  return runLoad(url, { connections, seconds });
}

/** A fixed rate of requests (goblog's 1,000 req/s), with memory and CPU sampled while it runs. */
export async function atRate(pid: number, url: string, rate: number, seconds: number): Promise<RateFigures> {
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(memoryOf(pid).rssMiB), 250);
  const cpuBefore = cpuMsOf(pid);
  const wallBefore = performance.now();
  try {
    const figures = await runLoad(url, { connections: 10, seconds, rate });
    const cpuMs = cpuMsOf(pid) - cpuBefore;
    const wallMs = performance.now() - wallBefore;
    const served = figures.rps * figures.seconds;
    return {
      ...figures,
      rssMiB: rss.reduce((a, b) => a + b, 0) / Math.max(rss.length, 1),
      cpuPercent: (cpuMs / wallMs) * 100,
      cpuMsPerKRequests: served > 0 ? (cpuMs / served) * 1000 : NaN,
    };
  } finally {
    clearInterval(sampler);
  }
}
