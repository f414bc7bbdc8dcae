import { type FootprintReport, type TargetResult, labelOf } from './run';
import { fmt } from './stats';

type Column = [header: string, cell: (t: TargetResult) => string];

/**
 * The report as plain-text tables (medians; ratios to the two baselines, or in a landscape run to
 * the other variants), one row per target: start-up and memory first, then the two load phases
 * (when they ran).
 */
export function table(report: FootprintReport): string {
  const baselines = !report.landscape;
  const rate = `@${report.settings.rate / 1000}K`;
  const startAndMemory: Column[] = [
    ['start ms', (t) => fmt(t.median.startupMs, 0)],
    ['no-cache ms', (t) => fmt(t.median.coldStartupMs ?? NaN, 0)],
    ['start CPU ms', (t) => fmt(t.median.startupCpuMs, 0)],
    ['idle MiB', (t) => fmt(t.median.idleRssMiB)],
    ['no-cache MiB', (t) => fmt(t.median.coldIdleRssMiB ?? NaN)],
    ['USS MiB', (t) => fmt(t.median.idleUssMiB)],
    ['peak MiB', (t) => fmt(t.median.peakRssMiB)],
    ...(baselines
      ? ([
          ['start ×bare', (t) => fmt(t.vsBare.startup, 2)],
          ['CPU start ×bare', (t) => fmt(t.vsBare.startupCpu, 2)],
          ['idle ×bare', (t) => fmt(t.vsBare.idleRss, 2)],
        ] satisfies Column[])
      : []),
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
    ...(baselines
      ? ([
          ['req/s ×expr', (t) => fmt(t.vsExpress.throughput, 2)],
          ['CPU/req ×expr', (t) => fmt(t.vsExpress.cpuPerRequest, 2)],
        ] satisfies Column[])
      : []),
  ];
  const blocks = [render(report.targets, startAndMemory)];
  if (report.settings.load) blocks.push(render(report.targets, load));
  const compared = report.targets.filter((t) => t.versus && Object.keys(t.versus).length);
  if (compared.length) blocks.push(render(compared, versusColumns(Object.keys(compared[0].versus ?? {}))));
  return blocks.join('\n\n');
}

/** A landscape run: the chapter's figures divided by each other variant's (above 1: the chapter uses more). */
function versusColumns(variants: string[]): Column[] {
  return variants.flatMap((v): Column[] => [
    [`start ×${v}`, (t) => fmt(t.versus?.[v]?.startup ?? NaN, 2)],
    [`idle ×${v}`, (t) => fmt(t.versus?.[v]?.idleRss ?? NaN, 2)],
    [`req/s ×${v}`, (t) => fmt(t.versus?.[v]?.throughput ?? NaN, 2)],
    [`CPU/req ×${v}`, (t) => fmt(t.versus?.[v]?.cpuPerRequest ?? NaN, 2)],
  ]);
}

function render(targets: TargetResult[], columns: Column[]): string {
  const header = ['target', ...columns.map(([h]) => h)];
  const rows = targets.map((t) => [labelOf(t), ...columns.map(([, cell]) => cell(t))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
