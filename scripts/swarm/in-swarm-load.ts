import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { buildSync } from 'esbuild';
import { pc } from '../lib/ui';
import { pollUntil } from '../lib/poll';
import { commandLine, run } from './exec';
import type { LoadOptions, LoadSummary, ModeStats } from './load-client';

/** A progress report of the load client, stamped with when it arrived here. */
export interface ProgressPoint {
  at: number;
  sent: number;
  failed: number;
}

export interface PhaseCounts {
  sent: number;
  failed: number;
}

/**
 * Splits the load's progress into before / during / after a window (the rolling update), from
 * the differences between successive reports: tells "the machine could not carry the load" apart
 * from "the update lost requests".
 */
export function phases(
  points: ProgressPoint[],
  start: number,
  end: number,
): Record<'before' | 'during' | 'after', PhaseCounts> {
  const out = { before: { sent: 0, failed: 0 }, during: { sent: 0, failed: 0 }, after: { sent: 0, failed: 0 } };
  let previous: ProgressPoint = { at: 0, sent: 0, failed: 0 };
  for (const point of points) {
    const phase = point.at <= start ? out.before : point.at <= end ? out.during : out.after;
    phase.sent += point.sent - previous.sent;
    phase.failed += point.failed - previous.failed;
    previous = point;
  }
  return out;
}

export interface InSwarmLoad {
  /** Resolves once both kinds of client have had `n` successful answers. */
  flowing(n?: number): Promise<void>;
  /** Resolves once the client has reported `ms` more of steady load (a baseline). */
  runFor(ms: number): Promise<void>;
  /** Every progress report so far, and the final summary's totals last once stopped. */
  progress: ProgressPoint[];
  /** Sends SIGTERM to the client, which finishes what is in flight and prints its summary. */
  stop(): Promise<LoadSummary>;
}

/** Bundles load-client.ts into one plain JS file a container can run with `node`. */
function bundle(workDir: string): string {
  const outfile = path.join(workDir, 'load-client.js');
  fs.mkdirSync(workDir, { recursive: true });
  buildSync({
    entryPoints: [path.join(__dirname, 'load-client.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/**
 * Starts the load client in a container attached to the stack's (attachable) overlay network,
 * from the same base image as the services, and follows its output.
 */
export async function startInSwarmLoad(
  { network, image, workDir, name }: { network: string; image: string; workDir: string; name: string },
  options: LoadOptions,
): Promise<InSwarmLoad> {
  const script = bundle(workDir);
  await run('docker', ['rm', '-f', name], { echo: false, allowFailure: true });
  const args = ['run', '--rm', '--name', name, '--network', network, '-v', `${script}:/load-client.js:ro`];
  args.push(image, 'node', '/load-client.js', JSON.stringify(options));
  console.log(pc.dim(`  $ ${commandLine('docker', args)}`));
  const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let latest: { sent: number; elapsedMs: number; modes: Record<string, ModeStats> } | undefined;
  const progress: ProgressPoint[] = [];
  const record = (modes: Record<string, ModeStats>) => {
    const totals = Object.values(modes).reduce((t, m) => ({ sent: t.sent + m.sent, failed: t.failed + m.failed }), {
      sent: 0,
      failed: 0,
    });
    progress.push({ at: Date.now(), ...totals });
  };
  let exited: string | undefined;
  const stderr: string[] = [];
  const summary = new Promise<LoadSummary>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let message: { type?: string };
      try {
        message = JSON.parse(line) as { type?: string };
      } catch {
        return;
      }
      if (message.type === 'progress') {
        latest = message as typeof latest;
        record((latest as NonNullable<typeof latest>).modes);
      }
      if (message.type === 'summary') {
        record((message as LoadSummary).modes);
        resolve(message as LoadSummary);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.on('close', (code) => {
      exited = `the load client exited (code ${code}): ${stderr.join('').trim().slice(-1500)}`;
      reject(new Error(exited));
    });
  });
  summary.catch(() => {});
  return {
    progress,
    async runFor(ms) {
      const from = latest?.elapsedMs ?? 0;
      await pollUntil(
        `${ms} ms of steady load`,
        async () => {
          if (exited) throw new Error(exited);
          return (latest?.elapsedMs ?? 0) - from >= ms ? true : undefined;
        },
        { timeoutMs: ms + 30_000, intervalMs: 200 },
      );
    },
    async flowing(n = 20) {
      await pollUntil(
        'the in-swarm load to flow',
        async () => {
          if (exited) throw new Error(exited);
          const modes = Object.values(latest?.modes ?? {});
          return modes.length === 2 && modes.every((m) => m.ok >= n) ? true : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    },
    async stop() {
      if (!exited) await run('docker', ['kill', '--signal', 'SIGTERM', name], { allowFailure: true });
      return summary;
    },
  };
}
