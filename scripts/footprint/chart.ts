import { type FootprintReport, labelOf } from './run';
import { fmt } from './stats';

/**
 * The report as an SVG chart the site and the write-up show: one panel per figure, one bar per
 * target (medians), with the goblog figures for Go and Spring Boot beside them, marked as published.
 */
interface Bar {
  label: string;
  value: number;
  kind: 'baseline' | 'service' | 'published';
}
interface Panel {
  title: string;
  unit: string;
  bars: Bar[];
  digits: number;
}

const WIDTH = 760;
const LABEL = 250;
const ROW = 20;
const COLOURS = { baseline: '#9aa5b1', service: '#2f7ed8', published: '#e3a21a' };

export function chart(report: FootprintReport): string {
  const measured = (pick: (m: FootprintReport['targets'][number]['median']) => number) =>
    report.targets.map((t): Bar => ({ label: labelOf(t), value: pick(t.median), kind: t.kind }));
  const published = (pick: (p: FootprintReport['published'][number]) => number | undefined) =>
    report.published.flatMap((p): Bar[] => {
      const value = pick(p);
      return value === undefined ? [] : [{ label: p.name, value, kind: 'published' }];
    });
  const rate = `${report.settings.rate.toLocaleString('en')} req/s`;
  const panels: Panel[] = [
    {
      title: 'Memory after start (RSS)',
      unit: 'MiB',
      digits: 1,
      bars: [...measured((m) => m.idleRssMiB), ...published((p) => p.idleMiB)],
    },
    {
      title: 'Memory one more replica adds (unique set, after start)',
      unit: 'MiB',
      digits: 1,
      bars: measured((m) => m.idleUssMiB),
    },
    {
      title: `Memory at ${rate}`,
      unit: 'MiB',
      digits: 1,
      bars: [...measured((m) => m.rssAtRateMiB), ...published((p) => p.at1kMiB)],
    },
    { title: 'Start-up: spawn to first HTTP 200', unit: 'ms', digits: 0, bars: measured((m) => m.startupMs) },
    {
      title: 'Start-up CPU time (fair on a busy machine)',
      unit: 'ms',
      digits: 0,
      bars: measured((m) => m.startupCpuMs),
    },
    {
      title: `CPU per 1,000 requests at ${rate}`,
      unit: 'ms',
      digits: 0,
      bars: measured((m) => m.cpuMsPerKRequests),
    },
    {
      title: `Throughput, ${report.settings.connections} connections`,
      unit: 'req/s',
      digits: 0,
      bars: measured((m) => m.throughputRps),
    },
    { title: `p99 latency at ${rate}`, unit: 'ms', digits: 1, bars: measured((m) => m.p99AtRateMs) },
  ].map((panel) => ({ ...panel, bars: panel.bars.filter((b) => Number.isFinite(b.value)) }));

  const parts: string[] = [];
  let y = 40;
  for (const panel of panels.filter((p) => p.bars.length)) {
    parts.push(`<text x="0" y="${y}" class="title">${escape(panel.title)} (${panel.unit})</text>`);
    y += 10;
    const max = Math.max(...panel.bars.map((b) => b.value));
    for (const bar of panel.bars) {
      const width = max > 0 ? Math.max(1, (bar.value / max) * (WIDTH - LABEL - 70)) : 1;
      parts.push(
        `<text x="${LABEL - 8}" y="${y + 14}" class="label${bar.kind === 'published' ? ' published' : ''}" text-anchor="end">${escape(bar.label)}</text>`,
        `<rect x="${LABEL}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 6}" fill="${COLOURS[bar.kind]}"><title>${escape(bar.label)}: ${fmt(bar.value, panel.digits)} ${panel.unit}</title></rect>`,
        `<text x="${(LABEL + width + 6).toFixed(1)}" y="${y + 14}" class="value">${fmt(bar.value, panel.digits)}</text>`,
      );
      y += ROW;
    }
    y += 26;
  }
  const { machine, settings } = report;
  const caption =
    `Medians of ${settings.rounds} interleaved round(s); ${machine.cpus} × ${machine.cpuModel} (load average ${machine.loadAverageAtStart[0].toFixed(1)} at start: a shared machine), Node ${machine.node}, ` +
    `${report.landscape?.run === 'source' ? 'services run from source (tsx), as the runner starts them' : 'production bundles'}. Orange: goblog's published Go/Spring Boot figures (docker stats on the author's machine), not measured here.`;
  const legend = [
    ['baseline', 'baseline'],
    ['service', 'this chapter'],
    ['published', 'published (goblog)'],
  ]
    .map(
      ([kind, text], i) =>
        `<rect x="${i * 150}" y="8" width="12" height="12" fill="${COLOURS[kind as Bar['kind']]}"/><text x="${i * 150 + 18}" y="18" class="label">${text}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y + 30}" viewBox="0 0 ${WIDTH} ${y + 30}" font-family="system-ui, sans-serif">
<style>.title{font-size:14px;font-weight:600;fill:#1f2933}.label{font-size:12px;fill:#3e4c59}.published{font-style:italic}.value{font-size:12px;fill:#1f2933}.caption{font-size:10px;fill:#616e7c}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${legend}
${parts.join('\n')}
${wrap(caption, 125)
  .map((line, i) => `<text x="0" y="${y + 4 + i * 12}" class="caption">${escape(line)}</text>`)
  .join('\n')}
</svg>
`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [''];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if ((lines[last] + ' ' + word).trim().length > width) lines.push(word);
    else lines[last] = (lines[last] + ' ' + word).trim();
  }
  return lines;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
