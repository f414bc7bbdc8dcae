import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/paths';

/**
 * Markdown tables of measured figures, built only from the results files the benchmarks write
 * (scripts/footprint/results/*.json), so no figure in a write-up is typed by hand.
 */
const RESULTS_DIR = path.join(REPO_ROOT, 'scripts', 'footprint', 'results');

function readResults<T>(file: string): T {
  const full = path.join(RESULTS_DIR, file);
  if (!fs.existsSync(full)) throw new Error(`${path.relative(REPO_ROOT, full)} is missing: run its benchmark first.`);
  return JSON.parse(fs.readFileSync(full, 'utf8')) as T;
}

interface Footprint {
  generatedAt: string;
  machine: { node: string; cpus: number };
  settings: { rate: number };
  targets: {
    name: string;
    median: {
      startupMs: number;
      coldStartupMs?: number;
      coldIdleRssMiB?: number;
      idleRssMiB: number;
      idleUssMiB: number;
      rssAtRateMiB: number;
      cpuMsPerKRequests: number;
      throughputRps: number;
    };
    vsBare: { idleRss: number; startup: number };
  }[];
  published: { name: string; idleMiB: number; at1kMiB?: number; source: string }[];
  checks: { what: string; measured: number; limit: number; atLeast?: boolean; met: boolean; source?: string }[];
  images?: {
    from: string;
    base: { name: string; MiB: number };
    services: Record<string, { totalMiB: number; appMiB: number }>;
    go: string;
  };
}

/** A landscape run (chapter 03 on): each measured service in each variant; the chapter's rows carry ratios. */
export interface LandscapeFootprint {
  generatedAt: string;
  machine: { node: string; cpus: number };
  settings: { rate: number; rounds: number; connections: number };
  landscape: { run: 'bundle' | 'source'; variants: { name: string }[] };
  targets: {
    name: string;
    variant: string;
    median: { startupMs: number; idleRssMiB: number; throughputRps: number; p99Ms: number; cpuMsPerKRequests: number };
    versus?: Record<
      string,
      { startup: number; idleRss: number; throughput: number; p99: number; cpuPerRequest: number }
    >;
  }[];
}

interface Containers {
  measuredAt: string;
  machine: { node: string };
  images: Record<string, { appMiB: number; baseMiB: number }>;
  /** Dockerfile.minimal built and run beside the regular image (test:swarm, issue #20). */
  minimalImage?: {
    service: string;
    minimal: { MiB: number; startToFirst200Ms: number; healthCheckPassed: boolean };
    regular: { MiB: number; startToFirst200Ms: number };
  };
  memoryMiB: {
    idle: Record<string, { dockerStatsMiB: number }[]>;
    underLoad: Record<string, Record<string, { dockerStatsMiB: number }[]>>;
  };
}

const num = (value: number, digits = 1) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const max = (samples: { dockerStatsMiB: number }[] = []) => Math.max(...samples.map((s) => s.dockerStatsMiB));
const date = (iso: string) => iso.slice(0, 10);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Chapter 02's processes: the footprint benchmark (`npm run footprint`). */
function chapter02(): string {
  const report = readResults<Footprint>('chapter-02.json');
  const rate = `${report.settings.rate.toLocaleString('en-US')} req/s`;
  const rows = report.targets.map((t) => [
    t.name,
    num(t.median.startupMs, 0),
    typeof t.median.coldStartupMs === 'number' ? num(t.median.coldStartupMs, 0) : '—',
    `${num(t.median.idleRssMiB)} (${num(t.vsBare.idleRss, 2)}× bare)`,
    typeof t.median.coldIdleRssMiB === 'number' ? num(t.median.coldIdleRssMiB) : '—',
    num(t.median.idleUssMiB),
    num(t.median.rssAtRateMiB),
    num(t.median.cpuMsPerKRequests, 0),
    num(t.median.throughputRps, 0),
  ]);
  return [
    table(
      [
        'process',
        'start-up ms',
        'without cache ms',
        'idle RSS MiB',
        'without cache MiB',
        'own (USS) MiB',
        `RSS at ${rate} MiB`,
        'CPU ms per 1,000 req',
        'max req/s',
      ],
      rows,
    ),
    '',
    `Medians from \`scripts/footprint/results/chapter-02.json\` (Node ${report.machine.node}, ` +
      `${report.machine.cpus} CPUs, ${date(report.generatedAt)}); \`npm run footprint\` measures them again.`,
  ].join('\n');
}

/** Chapter 02 on real containers (`npm run test:swarm`) beside the figures goblog published. */
function chapter02Containers(): string {
  const report = readResults<Containers>('chapter-02-containers.json');
  const footprint = readResults<Footprint>('chapter-02.json');
  const load = report.memoryMiB.underLoad;
  const rows = Object.entries(report.images).map(([service, image]) => [
    `Node ${service} (container)`,
    num(max(report.memoryMiB.idle[service])),
    num(Math.max(...Object.values(load).map((phase) => max(phase[service])))),
    `base + ${num(image.appMiB)} MiB`,
  ]);
  const published = footprint.published.map((p) => [
    p.name,
    num(p.idleMiB),
    p.at1kMiB === undefined ? '—' : num(p.at1kMiB),
    p.source,
  ]);
  return [
    table(['service', 'after start MiB', 'under load MiB', 'image'], [...rows, ...published]),
    '',
    `Docker's memory figure (the one goblog quotes), from \`scripts/footprint/results/chapter-02-containers.json\` ` +
      `(Node ${report.machine.node}, ${date(report.measuredAt)}); goblog's rows are the figures its posts published.`,
  ].join('\n');
}

/** Chapter 02's answer in brief, for the write-up: memory after start beside goblog's, and start-up (the appendix has the rest). */
function chapter02Summary(): string {
  const containers = readResults<Containers>('chapter-02-containers.json');
  const footprint = readResults<Footprint>('chapter-02.json');
  const rows = Object.keys(containers.images).map((service) => [
    `Node ${service} (container)`,
    num(max(containers.memoryMiB.idle[service])),
    '`npm run test:swarm`: docker stats on Swarm',
  ]);
  const published = footprint.published
    .filter((p) => p.source.includes('docker stats'))
    .map((p) => [p.name, num(p.idleMiB), p.source.split(',')[0]]);
  const startup = ['quotes-service', 'accountservice (own code)', 'bare node:http'].map((name) => {
    const target = footprint.targets.find((t) => t.name === name);
    if (!target) throw new Error(`scripts/footprint/results/chapter-02.json has no target "${name}"`);
    return `${name} ${num(target.median.startupMs, 0)} ms`;
  });
  return [
    table(['service', 'memory after start MiB', 'source'], [...rows, ...published]),
    '',
    `Start-up, spawn to the first HTTP 200 (the production bundle and its compile cache, median): ${startup.join(', ')}. ` +
      `From \`scripts/footprint/results/chapter-02-containers.json\` (${date(containers.measuredAt)}) and ` +
      `\`scripts/footprint/results/chapter-02.json\` (${date(footprint.generatedAt)}).`,
  ].join('\n');
}

/** Chapter 02's targets (issue #20), each with what the committed run measured and whether it met it; image sizes beside. */
function chapter02Targets(): string {
  const report = readResults<Footprint>('chapter-02.json');
  const rows = report.checks.map((c) => [
    c.what,
    `${num(c.measured, 2)}×`,
    `${c.atLeast ? '≥' : '≤'} ${num(c.limit, 1)}×`,
    c.met ? 'yes' : '**no**',
  ]);
  const lines = [table(['target', 'measured', 'goal', 'met'], rows), ''];
  if (report.images) {
    const { base, services, go } = report.images;
    const sizes = Object.entries(services).map(
      ([name, i]) => `${name} ${num(i.totalMiB)} MiB (+ ${num(i.appMiB)} MiB)`,
    );
    lines.push(
      `Image sizes (reported, no goal): ${sizes.join(', ')} on ${base.name} (${num(base.MiB)} MiB), from ` +
        `\`${report.images.from}\`; ${go}.`,
      '',
    );
  }
  const { minimalImage: smallest, measuredAt } = readResults<Containers>('chapter-02-containers.json');
  if (smallest) {
    const { service, minimal, regular } = smallest;
    lines.push(
      `The smallest image (\`Dockerfile.minimal\`: \`FROM scratch\`, the \`node\` binary, the libraries it links, ` +
        `the bundle), built and run by \`npm run test:swarm\`: ${service} ${num(minimal.MiB)} MiB against ` +
        `${num(regular.MiB)} MiB for its regular image; \`docker run\` to the first 200 in ` +
        `${num(minimal.startToFirst200Ms, 0)} ms (regular ${num(regular.startToFirst200Ms, 0)} ms); Docker's health ` +
        `check ${minimal.healthCheckPassed ? 'passed' : 'failed'} with no shell in the image ` +
        `(\`scripts/footprint/results/chapter-02-containers.json\`, ${date(measuredAt)}).`,
      '',
    );
  }
  lines.push(
    `From \`scripts/footprint/results/chapter-02.json\` (its \`checks\`; ${date(report.generatedAt)}); ` +
      'the ratios compare medians of the same interleaved rounds; the CPU-time rows count work done, not time spent waiting.',
  );
  return lines.join('\n');
}

interface SlowDependency {
  measured: string;
  node: string;
  setup: { quotesDelayMs: number; breakerTimeoutMs: number; connections: number; seconds: number };
  withoutBreaker: { p50Ms: number; p99Ms: number; requestsPerSecond: number };
  withBreaker: { p50Ms: number; p99Ms: number; requestsPerSecond: number };
}

/** Chapter 07's hanging-dependency benchmark (goblog P11's measurement): p99 with and without the breaker. */
function chapter07Hang(): string {
  const r = readResults<SlowDependency>('chapter-07-hang.json');
  const row = (name: string, f: SlowDependency['withBreaker']) => [
    name,
    num(f.p50Ms, 0),
    num(f.p99Ms, 0),
    num(f.requestsPerSecond, 0),
  ];
  return [
    table(
      ['the account endpoint', 'p50 ms', 'p99 ms', 'req/s'],
      [
        row('without a breaker', r.withoutBreaker),
        row(`with the breaker (timeout ${r.setup.breakerTimeoutMs} ms)`, r.withBreaker),
      ],
    ),
    '',
    `quotes-service answering after ${num(r.setup.quotesDelayMs, 0)} ms, ${r.setup.connections} connections for ` +
      `${r.setup.seconds} s, from \`scripts/footprint/results/chapter-07-hang.json\` (Node ${r.node}, ${date(r.measured)}); ` +
      '`npx tsx solutions/07-breakers/bench/slow-dependency.ts` measures again.',
  ].join('\n');
}

interface EdgeLatency {
  measured: string;
  node: string;
  setup: { connections: number; seconds: number; rounds: number; verifications: number };
  direct: { requests: number; p50Ms: number; p99Ms: number };
  edge: { requests: number; p50Ms: number; p99Ms: number };
  tokenCheck: { requests: number; p50Ms: number; p99Ms: number };
}

/** Chapter 08's edge benchmark: an account read straight to accountservice and through the edge, and the token check alone. */
function chapter08Edge(): string {
  const r = readResults<EdgeLatency>('chapter-08-edge.json');
  const ms = (n: number) => num(n, Math.abs(n) < 10 ? 2 : 1);
  // A difference can come out negative where it is smaller than the run's noise (the tail, mostly).
  const signed = (n: number) => (n < 0 ? `−${ms(-n)}` : `+${ms(n)}`);
  return [
    table(
      ['GET account 10000', 'p50 ms', 'p99 ms', 'requests'],
      [
        [
          'straight to accountservice (its own token check)',
          ms(r.direct.p50Ms),
          ms(r.direct.p99Ms),
          num(r.direct.requests, 0),
        ],
        [
          'through the edge (HTTPS, token checked there too, relayed)',
          ms(r.edge.p50Ms),
          ms(r.edge.p99Ms),
          num(r.edge.requests, 0),
        ],
        [
          'through the edge minus straight',
          signed(r.edge.p50Ms - r.direct.p50Ms),
          signed(r.edge.p99Ms - r.direct.p99Ms),
          '',
        ],
        [
          'one token check alone (jwtVerify, keys cached)',
          ms(r.tokenCheck.p50Ms),
          ms(r.tokenCheck.p99Ms),
          num(r.tokenCheck.requests, 0),
        ],
      ],
    ),
    '',
    `${r.setup.connections} keep-alive connections, ${r.setup.rounds} interleaved rounds of ${r.setup.seconds} s per way, ` +
      `from \`scripts/footprint/results/chapter-08-edge.json\` (Node ${r.node}, ${date(r.measured)}); ` +
      '`npx tsx solutions/08-security/bench/edge-latency.ts` measures again.',
  ].join('\n');
}

interface LoadRun {
  measured: string;
  node: string;
  machine: { cpus: number; loadAverage1m: number };
  mode: string;
  target: string;
  setup: { connections: number; seconds: number; path: string; https?: boolean };
  objectives: { p50Ms: number; p90Ms: number; p99Ms: number; errors: number };
  figures: { p50Ms: number; p90Ms: number; p99Ms: number; errors: number; requests: number; requestsPerSecond: number };
  met: Record<'p50Ms' | 'p90Ms' | 'p99Ms' | 'errors', boolean>;
}

/** Chapter 09's load benchmark: each figure beside the objective it is held to, and whether it met it. */
function chapter09Load(): string {
  const r = readResults<LoadRun>('chapter-09-load.json');
  const rows = (
    [
      ['p50 latency, ms', 'p50Ms'],
      ['p90 latency, ms', 'p90Ms'],
      ['p99 latency, ms', 'p99Ms'],
      ['errors (failed, timed out, not 2xx)', 'errors'],
    ] as const
  ).map(([what, key]) => [
    what,
    num(r.figures[key], 0),
    `≤ ${num(r.objectives[key], 0)}`,
    r.met[key] ? 'yes' : '**no**',
  ]);
  return [
    table(['account reads under load', 'measured', 'objective', 'met'], rows),
    '',
    `${num(r.figures.requests, 0)} requests (${num(r.figures.requestsPerSecond, 0)} req/s) over ` +
      `\`${r.setup.path}\`${r.setup.https ? ' over HTTPS with an access token' : ''}, ${r.setup.connections} connections ` +
      `for ${r.setup.seconds} s, against ${r.target}, ` +
      `${r.mode} mode; ${r.machine.cpus} CPUs shared with the landscape, load average ` +
      `${num(r.machine.loadAverage1m)} during the run. From \`scripts/footprint/results/chapter-09-load.json\` ` +
      `(Node ${r.node}, ${date(r.measured)}); \`npx tsx solutions/09-testing/bench/load-accountservice.ts\` measures again.`,
  ].join('\n');
}

/**
 * A later chapter's landscape run (`npm run footprint -- N`): per measured service, a row per
 * variant (the chapter, what it is compared with), then the chapter's figures divided by each other's.
 */
export function landscapeFigures(report: LandscapeFootprint, file: string): string {
  const [own] = report.landscape.variants;
  const rows: string[][] = [];
  const services = [...new Set(report.targets.map((t) => t.name))];
  for (const service of services) {
    const of = report.targets.filter((t) => t.name === service);
    for (const t of of) {
      const m = t.median;
      rows.push([
        service,
        t.variant,
        num(m.startupMs, 0),
        num(m.idleRssMiB),
        num(m.throughputRps, 0),
        num(m.p99Ms, 0),
        num(m.cpuMsPerKRequests, 0),
      ]);
    }
    const chapter = of.find((t) => t.variant === own.name);
    for (const [other, r] of Object.entries(chapter?.versus ?? {})) {
      const x = (value: number) => (Number.isFinite(value) ? `${num(value, 2)}×` : '–');
      rows.push([
        service,
        `${own.name} ÷ ${other}`,
        x(r.startup),
        x(r.idleRss),
        x(r.throughput),
        x(r.p99),
        x(r.cpuPerRequest),
      ]);
    }
  }
  const rate = `${report.settings.rate.toLocaleString('en-US')} req/s`;
  const how =
    report.landscape.run === 'source'
      ? 'services run from source, as the runner starts them'
      : 'measured services as production bundles';
  return [
    table(
      [
        'service',
        'landscape',
        'start-up ms',
        'idle RSS MiB',
        'max req/s',
        `p99 ms (${report.settings.connections} connections)`,
        'CPU ms per 1,000 req',
      ],
      rows,
    ),
    '',
    `Medians of ${report.settings.rounds} interleaved round(s) from \`${file}\` (Node ${report.machine.node}, ` +
      `${report.machine.cpus} CPUs, ${date(report.generatedAt)}; ${how}, the rest of the landscape running beside them; ` +
      `CPU per request at a fixed rate of up to ${rate}); ` +
      `\`npm run footprint -- ${Number(/chapter-(\d+)/.exec(file)?.[1])}\` measures them again.`,
  ].join('\n');
}

/** Every results file of a landscape run, as a figure set named after it (chapter-05, chapter-06…). */
function landscapeSets(): Record<string, () => string> {
  if (!fs.existsSync(RESULTS_DIR)) return {};
  const sets: Record<string, () => string> = {};
  for (const file of fs.readdirSync(RESULTS_DIR).filter((f) => /^chapter-\d\d\.json$/.test(f))) {
    const report = readResults<Partial<LandscapeFootprint>>(file);
    if (!report.landscape) continue;
    const name = file.replace('.json', '');
    sets[name] = () => landscapeFigures(readResults<LandscapeFootprint>(file), `scripts/footprint/results/${file}`);
  }
  return sets;
}

export const FIGURES: Record<string, () => string> = {
  'chapter-02': chapter02,
  'chapter-02-containers': chapter02Containers,
  'chapter-02-summary': chapter02Summary,
  'chapter-02-targets': chapter02Targets,
  'chapter-07-hang': chapter07Hang,
  'chapter-08-edge': chapter08Edge,
  'chapter-09-load': chapter09Load,
  ...landscapeSets(),
};
