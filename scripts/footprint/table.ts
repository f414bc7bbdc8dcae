import type { FootprintReport } from './run';
import { fmt } from './stats';

/** The report as a plain-text table (medians; ratios to the two baselines), one row per target. */
export function table(report: FootprintReport): string {
  const header = [
    'target',
    'start ms',
    'idle MiB',
    `@${report.settings.rate / 1000}K MiB`,
    `@${report.settings.rate / 1000}K CPU%`,
    `@${report.settings.rate / 1000}K p99 ms`,
    'req/s',
    'p50 ms',
    'p99 ms',
    'peak MiB',
    'start ×bare',
    'idle ×bare',
    'req/s ×expr',
  ];
  const rows = report.targets.map((t) => {
    const m = t.median;
    return [
      t.name,
      fmt(m.startupMs, 0),
      fmt(m.idleRssMiB),
      fmt(m.rssAtRateMiB),
      fmt(m.cpuAtRatePercent, 0),
      fmt(m.p99AtRateMs),
      fmt(m.throughputRps, 0),
      fmt(m.p50Ms),
      fmt(m.p99Ms),
      fmt(m.peakRssMiB),
      fmt(t.vsBare.startup, 2),
      fmt(t.vsBare.idleRss, 2),
      fmt(t.vsExpress.throughput, 2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
