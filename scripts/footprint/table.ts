import type { FootprintReport, TargetResult } from './run';
import { fmt } from './stats';

type Column = [header: string, cell: (t: TargetResult) => string];

/**
 * The report as plain-text tables (medians; ratios to the two baselines), one row per target:
 * start-up and memory first, then the two load phases (when they ran).
 */
export function table(report: FootprintReport): string {
  const rate = `@${report.settings.rate / 1000}K`;
  const startAndMemory: Column[] = [
    ['start ms', (t) => fmt(t.median.startupMs, 0)],
    ['start CPU ms', (t) => fmt(t.median.startupCpuMs, 0)],
    ['idle MiB', (t) => fmt(t.median.idleRssMiB)],
    ['USS MiB', (t) => fmt(t.median.idleUssMiB)],
    ['peak MiB', (t) => fmt(t.median.peakRssMiB)],
    ['start ×bare', (t) => fmt(t.vsBare.startup, 2)],
    ['CPU start ×bare', (t) => fmt(t.vsBare.startupCpu, 2)],
    ['idle ×bare', (t) => fmt(t.vsBare.idleRss, 2)],
  ];
  const load: Column[] = [
    [`${rate} got`, (t) => fmt(t.median.achievedRate, 0)],
    [`${rate} MiB`, (t) => fmt(t.median.rssAtRateMiB)],
    [`${rate} CPU%`, (t) => fmt(t.median.cpuAtRatePercent, 0)],
    ['CPU ms/1K req', (t) => fmt(t.median.cpuMsPerKRequests, 0)],
    [`${rate} p50 ms`, (t) => fmt(t.median.p50AtRateMs)],
    [`${rate} p99 ms`, (t) => fmt(t.median.p99AtRateMs)],
    ['req/s', (t) => fmt(t.median.throughputRps, 0)],
    ['p50 ms', (t) => fmt(t.median.p50Ms)],
    ['p99 ms', (t) => fmt(t.median.p99Ms)],
    ['req/s ×expr', (t) => fmt(t.vsExpress.throughput, 2)],
    ['CPU/req ×expr', (t) => fmt(t.vsExpress.cpuPerRequest, 2)],
  ];
  const blocks = [render(report.targets, startAndMemory)];
  if (report.settings.load) blocks.push(render(report.targets, load));
  return blocks.join('\n\n');
}

function render(targets: TargetResult[], columns: Column[]): string {
  const header = ['target', ...columns.map(([h]) => h)];
  const rows = targets.map((t) => [t.name, ...columns.map(([, cell]) => cell(t))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
