import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Memory of a process in MiB: resident now and the peak so far (Linux /proc; `ps` elsewhere). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = `/proc/${pid}/status`;
  if (fs.existsSync(status)) {
    const text = fs.readFileSync(status, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  }
  const rss = Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim()) / 1024;
  return { rssMiB: rss, peakMiB: NaN };
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
