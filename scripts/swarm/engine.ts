import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { say } from '../lib/ui';
import { pollUntil } from '../lib/poll';
import { onPath, run } from './exec';

const DOCKER_SOCKET = 'unix:///var/run/docker.sock';

export interface Engine {
  /** The engine's version, e.g. "20.10.24+dfsg1". */
  version: string;
  /** PID of the dockerd this run started; undefined when the engine was already running. */
  startedPid?: number;
  /** Stops dockerd if (and only if) this run started it. Safe to call twice. */
  stop(): Promise<void>;
}

/** The engine's version when `docker info` answers, else undefined. */
async function engineVersion(): Promise<string | undefined> {
  const { code, stdout } = await run('docker', ['info', '--format', '{{.ServerVersion}}'], {
    echo: false,
    allowFailure: true,
    timeoutMs: 10_000,
  });
  return code === 0 && stdout.trim() ? stdout.trim() : undefined;
}

/** Debian packages, installed with apt-get when their command is missing (CI runs as root). */
export async function aptInstall(command: string, pkg: string): Promise<void> {
  if (await onPath(command)) return;
  say.step(`${command} is missing: installing Debian's ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env, timeoutMs: 600_000 });
  if (!(await onPath(command))) throw new Error(`apt-get installed ${pkg} but ${command} is still not on the PATH`);
}

/** True while `pid` is a running dockerd (not gone, not a zombie). */
function isDockerd(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^\d+ \(dockerd\) [^Z]/.test(stat);
  } catch {
    return false;
  }
}

/** SIGTERM to a dockerd by PID, then waits (bounded) until it is gone; SIGKILL after 30 s. */
async function stopDockerd(pid: number): Promise<void> {
  if (!isDockerd(pid)) return;
  say.step(`Stopping the dockerd this run started (PID ${pid})`);
  process.kill(pid, 'SIGTERM');
  try {
    await pollUntil('dockerd to stop', async () => (isDockerd(pid) ? undefined : true), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
  } catch {
    process.kill(pid, 'SIGKILL');
  }
}

/**
 * Makes sure a Docker engine answers on the default socket: installs Debian's docker.io when
 * dockerd is missing, starts dockerd in the background when nothing answers (no systemd here),
 * and remembers whether it did, so `stop()` only stops what this run started. `adoptPid` is the
 * dockerd an interrupted earlier run started: still ours to stop.
 */
export async function ensureEngine(logDir: string, adoptPid?: number): Promise<Engine> {
  const running = await engineVersion();
  if (running && isDockerd(adoptPid)) {
    say.ok(`Docker engine ${running} is running, started by an earlier run (PID ${adoptPid}): stopped at the end`);
    return { version: running, startedPid: adoptPid, stop: () => stopDockerd(adoptPid as number) };
  }
  if (running) {
    say.ok(`Docker engine ${running} is already running (left running at the end)`);
    return { version: running, stop: async () => {} };
  }
  await aptInstall('dockerd', 'docker.io');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'dockerd.log');
  const log = fs.openSync(logFile, 'a');
  say.step(`Starting dockerd (log: ${logFile})`);
  const started = Date.now();
  const child = spawn('dockerd', [`--host=${DOCKER_SOCKET}`], { stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  child.unref();
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `dockerd exited (${code ?? signal})`));
  child.once('error', (err) => (exited = `dockerd could not start: ${err.message}`));
  const pid = child.pid;
  const stop = async () => (pid === undefined ? undefined : stopDockerd(pid));
  try {
    const version = await pollUntil(
      'dockerd to answer',
      async () => {
        if (exited) throw new Error(`${exited}; last log lines:\n${tail(logFile, 15)}`);
        return engineVersion();
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    say.ok(`dockerd ${version} answers after ${Date.now() - started} ms (PID ${pid})`);
    return { version, startedPid: pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
