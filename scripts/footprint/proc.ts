import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface Memory {
  /** Resident set: every page mapped into the process, shared ones (the node binary's code) included. */
  rssMiB: number;
  /** The highest RSS so far. */
  peakMiB: number;
  /** Unique set: pages only this process uses — what one more replica adds on the same host. */
  ussMiB: number;
}

/** Memory of a process in MiB (Linux /proc; only RSS from `ps` elsewhere). */
export function memoryOf(pid: number): Memory {
  const status = `/proc/${pid}/status`;
  if (fs.existsSync(status)) {
    const kib = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    const text = fs.readFileSync(status, 'utf8');
    const rollup = `/proc/${pid}/smaps_rollup`;
    const smaps = fs.existsSync(rollup) ? fs.readFileSync(rollup, 'utf8') : '';
    return {
      rssMiB: kib(text, 'VmRSS') / 1024,
      peakMiB: kib(text, 'VmHWM') / 1024,
      ussMiB: (kib(smaps, 'Private_Clean') + kib(smaps, 'Private_Dirty')) / 1024,
    };
  }
  const rss = Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) / 1024;
  return { rssMiB: rss, peakMiB: NaN, ussMiB: NaN };
}

/**
 * CPU time the process has used so far, in milliseconds, at nanosecond resolution (Linux
 * /proc/PID/schedstat), falling back to /proc/PID/stat's 10 ms ticks. Unlike wall-clock time it
 * does not grow while the process waits for a CPU, so it stays fair on a busy, shared machine.
 */
export function cpuMsOf(pid: number): number {
  const schedstat = `/proc/${pid}/schedstat`;
  if (fs.existsSync(schedstat)) return Number(fs.readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;
  return cpuSecondsOf(pid) * 1000;
}

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux platform Node supports

/** CPU time the process used so far, in seconds (user + system), or NaN off Linux. */
export function cpuSecondsOf(pid: number): number {
  const file = `/proc/${pid}/stat`;
  if (!fs.existsSync(file)) return NaN;
  // Fields after the command name (which may hold spaces) start at ") ": utime is the 12th, stime the 13th.
  const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
