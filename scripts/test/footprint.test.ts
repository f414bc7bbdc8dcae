import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { bundle } from '../lib/bundle';
import { runCli } from './helpers/run-cli';
import { type Chapter, WORK_DIR, findChapter } from '../lib/paths';
import { chart } from '../footprint/chart';
import { type LandscapeFootprint, landscapeFigures } from '../docs/figures';
import { runLandscapeFootprint, variantsOf } from '../footprint/landscape';
import { atRate, settledRss, startBundle, stop, throughput } from '../footprint/measure';
import { cpuSecondsOf, memoryOf } from '../footprint/proc';
import {
  type FootprintReport,
  NO_RATIOS,
  QUICK,
  type Settings,
  type TargetResult,
  checks,
  judged,
  labelOf,
} from '../footprint/run';
import { median, ratio } from '../footprint/stats';
import { table } from '../footprint/table';
import { BARE, EXPRESS, isLandscape, targetsFor } from '../footprint/targets';
import { readManifest } from '../lib/manifest';
import { PUBLISHED } from '../footprint/published';

jest.setTimeout(60_000);

describe('footprint statistics', () => {
  it('takes medians of what was measured, ignoring what was not', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(30, 0)).toBeNaN();
  });
});

describe('the footprint targets of chapter 2', () => {
  const { targets } = targetsFor(findChapter('2'));

  it('are the two baselines, then each service, the caller twice: on its own and with what it calls', () => {
    expect(targets.map((t) => t.name)).toEqual([
      BARE,
      EXPRESS,
      'quotes-service',
      'accountservice (own code)',
      'accountservice (calls quotes-service)',
    ]);
    const [, , quotes, alone, withQuotes] = targets;
    expect(quotes.path).toBe('/api/quote?strength=0');
    expect(alone.env.QUOTES_SERVICE_URL).toBeUndefined();
    expect(alone.needs).toEqual([]);
    expect(withQuotes.env).toMatchObject({
      QUOTES_SERVICE_URL: 'http://127.0.0.1:{{port:quotes-service}}',
      QUOTES_STRENGTH: '0',
    });
    expect(withQuotes.needs).toEqual(['quotes-service']);
  });
});

function result(
  name: string,
  kind: TargetResult['kind'],
  startupMs: number,
  idleRssMiB: number,
  rps: number,
  cpuMsPerKRequests = 200,
) {
  const nan = NO_RATIOS;
  return {
    name,
    kind,
    note: '',
    path: '/',
    bundleBytes: 1000,
    bundleKiB: { 'own code': 1 },
    samples: [],
    median: {
      startupMs,
      startupCpuMs: startupMs / 2,
      coldStartupMs: startupMs + 30,
      coldIdleRssMiB: idleRssMiB + 8,
      idleRssMiB,
      idleUssMiB: idleRssMiB / 2,
      rssAtRateMiB: idleRssMiB + 10,
      cpuAtRatePercent: 20,
      cpuMsPerKRequests,
      p50AtRateMs: 1,
      p99AtRateMs: 3,
      achievedRate: 1000,
      throughputRps: rps,
      p50Ms: 2,
      p99Ms: 9,
      peakRssMiB: idleRssMiB + 30,
      failed: 0,
    },
    vsBare: { ...nan, startup: startupMs / 50, startupCpu: startupMs / 100, idleRss: idleRssMiB / 40 },
    vsExpress: { ...nan, throughput: rps / 2000, cpuPerRequest: 2000 / rps },
  } satisfies TargetResult;
}

const report: FootprintReport = {
  chapter: 2,
  generatedAt: '2026-01-01T00:00:00.000Z',
  machine: {
    cpus: 2,
    cpuModel: 'Test CPU',
    node: 'v20.0.0',
    platform: 'linux-x64',
    loadAverageAtStart: [0, 0, 0],
    note: '',
  },
  settings: QUICK,
  targets: [
    result(BARE, 'baseline', 50, 40, 10_000),
    result(EXPRESS, 'baseline', 150, 50, 2000),
    result('accountservice (own code)', 'service', 100, 44, 1900),
    result('accountservice (calls quotes-service)', 'service', 120, 60, 500, 500),
  ],
  checks: [],
  published: PUBLISHED,
};

describe('the footprint report', () => {
  it('checks issue #20’s targets: chained CPU ≤ 1.5× alone, ≥ 1.0× Express, idle ≤ 1.3× and start-up ≤ 1.5× bare node', () => {
    const found = checks(report.targets, QUICK);
    expect(found.map((c) => [c.what, c.atLeast ?? false, c.limit, c.met])).toEqual([
      ['accountservice (own code): throughput vs Express hello world', true, 1, false],
      ['accountservice (own code): CPU per request vs Express hello world', false, 1, false],
      ['accountservice (own code): idle RSS vs bare node', false, 1.3, true],
      ['accountservice (own code): start-up to first 200 vs bare node', false, 1.5, false],
      ['accountservice (own code): start-up CPU time vs bare node', false, 1.5, true],
      ['accountservice: own CPU per chained request vs per request alone', false, 1.5, false],
      ['accountservice (calls quotes-service): idle RSS vs bare node', false, 1.3, false],
      ['accountservice (calls quotes-service): start-up to first 200 vs bare node', false, 1.5, false],
      ['accountservice (calls quotes-service): start-up CPU time vs bare node', false, 1.5, true],
    ]);
    expect(found[5].measured).toBe(2.5);
    expect(new Set(found.map((c) => c.source))).toEqual(new Set(['issue #20 (lean and fast)']));
    // Without the load phases there is no throughput or CPU per request to check.
    expect(checks(report.targets, { ...QUICK, load: false }).map((c) => c.what)).not.toContainEqual(
      expect.stringMatching(/Express|chained/),
    );
  });

  it('works ratios, checks and image sizes out again from the medians alone (--recheck)', () => {
    const again = judged(findChapter('2'), JSON.parse(JSON.stringify({ ...report, checks: [] })) as FootprintReport);
    const own = again.targets.find((t) => t.name === 'accountservice (own code)');
    expect(own?.vsExpress.throughput).toBeCloseTo(1900 / 2000);
    expect(own?.vsBare.startup).toBe(2);
    expect(own?.vsBare.p99).toBe(1);
    expect(again.checks).toHaveLength(9);
    expect(again.published).toEqual(PUBLISHED);
    expect(Object.keys(again.images?.services ?? {}).sort()).toEqual(['accountservice', 'quotes-service']);
    expect(again.images?.from).toBe('scripts/footprint/results/chapter-02-containers.json');
    expect(again.images?.base.MiB).toBeGreaterThan(0);
  });

  it('prints one row per target with medians and ratios', () => {
    const [memory, load] = table(report).split('\n\n');
    const lines = memory.split('\n');
    expect(lines).toHaveLength(2 + report.targets.length);
    expect(lines[0]).toMatch(/^target\s+start ms\s+no-cache ms\s+start CPU ms\s+idle MiB\s+no-cache MiB\s+USS MiB/);
    expect(lines[4]).toMatch(
      /^accountservice \(own code\)\s+100\s+130\s+50\s+44\.0\s+52\.0\s+22\.0\s+74\.0\s+2\.00\s+1\.00\s+1\.10$/,
    );
    expect(load.split('\n')[4]).toMatch(/^accountservice \(own code\)\s+1000\s+54\.0\s+20\s+200\s/);
    expect(table({ ...report, settings: { ...report.settings, load: false } })).not.toContain('req/s');
  });

  it('draws a bar per target and per published figure, labelled and escaped', () => {
    const svg = chart({ ...report, targets: [...report.targets, result('a<b & c', 'service', 1, 1, 1)] });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('Go accountservice (goblog P5)');
    expect(svg).toContain('>293.9<');
    expect(svg).toContain('a&lt;b &amp; c');
    expect(svg).not.toContain('a<b');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // 8 panels of 5 measured bars, plus 3 + 2 published ones in two of the memory panels.
    expect(svg.match(/<rect x="250"/g)).toHaveLength(8 * 5 + 3 + 2);
  });
});

describe('measuring a process', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footprint-test-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads resident, unique and peak memory and CPU time of a pid', () => {
    const { rssMiB, peakMiB, ussMiB } = memoryOf(process.pid);
    expect(rssMiB).toBeGreaterThan(10);
    if (process.platform === 'linux') {
      expect(peakMiB).toBeGreaterThanOrEqual(rssMiB);
      expect(ussMiB).toBeGreaterThan(1);
      expect(ussMiB).toBeLessThan(rssMiB);
      expect(cpuSecondsOf(process.pid)).toBeGreaterThan(0);
    }
  });

  it('starts a production bundle, times its start-up, and loads it', async () => {
    await bundle({ main: path.join(__dirname, '..', 'footprint', 'baselines', 'bare-http.ts') }, dir);
    const started = await startBundle(path.join(dir, 'main.js'), '/health', {});
    try {
      expect(started.startupMs).toBeGreaterThan(0);
      expect(started.startupCpuMs).toBeGreaterThan(0);
      expect(await settledRss(started.child.pid as number)).toBeGreaterThan(5);
      const rated = await atRate(started.child.pid as number, `${started.url}/`, 100, 1);
      // Sanity, not speed (a busy machine may serve fewer than asked): requests were answered, none failed.
      expect(rated.rps).toBeGreaterThan(0);
      expect(rated.requests).toBeGreaterThan(0);
      expect(rated.failed).toBe(0);
      expect(rated.cpuPercent).toBeGreaterThan(0);
      expect(rated.cpuMsPerKRequests).toBeGreaterThan(0);
      const loaded = await throughput(`${started.url}/`, 4, 1);
      expect(loaded.rps).toBeGreaterThan(0);
      expect(loaded.failed).toBe(0);
      expect(loaded.p99Ms).toBeGreaterThanOrEqual(loaded.p50Ms);
    } finally {
      await stop(started.child);
    }
  });

  it('reports a bundle that never becomes healthy, with its error output', async () => {
    const broken = path.join(dir, 'broken.js');
    fs.writeFileSync(broken, 'console.error("boom: no config"); process.exit(3);');
    await expect(startBundle(broken, '/health', {})).rejects.toThrow(/exit code 3\): boom: no config/);
  });
});

describe('the footprint of a landscape (chapter 03 on)', () => {
  const TINY: Settings = {
    rounds: 1,
    startupsPerRound: 1,
    load: true,
    rate: 20,
    rateSeconds: 1,
    connections: 2,
    loadSeconds: 1,
  };
  const chapter05 = findChapter('5');
  let dir: string;
  beforeAll(() => {
    fs.mkdirSync(WORK_DIR, { recursive: true });
    dir = fs.mkdtempSync(path.join(WORK_DIR, 'footprint-landscape-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Chapter 05's landscape.yml with another bench section, in a folder of its own (entries point back). */
  function chapterWith(bench: unknown): Chapter {
    const manifest = YAML.parse(fs.readFileSync(path.join(chapter05.solutionDir, 'landscape.yml'), 'utf8')) as {
      services: { entry: string }[];
      bench?: unknown;
    };
    for (const s of manifest.services) s.entry = path.relative(dir, path.join(chapter05.solutionDir, s.entry));
    manifest.bench = bench;
    fs.writeFileSync(path.join(dir, 'landscape.yml'), YAML.stringify(manifest));
    return { ...chapter05, solutionDir: dir };
  }

  it('is how chapters with services nobody measures are measured; chapter 02 keeps its baselines', () => {
    expect(isLandscape(readManifest(chapter05.solutionDir))).toBe(true);
    expect(isLandscape(readManifest(findChapter('2').solutionDir))).toBe(false);
    expect(variantsOf(chapter05).map((v) => [v.name, v.targets.map((t) => t.name), v.supporting])).toEqual([
      ['chapter 05', ['quotes-service', 'accountservice'], ['logtail', 'configserver', 'vipservice']],
      ['chapter 04', ['quotes-service', 'accountservice'], ['configserver', 'vipservice']],
    ]);
  });

  it('refuses to compare with a chapter that does not measure the same services', () => {
    expect(() => variantsOf(chapterWith({ compareWith: { chapter: 1 } }))).toThrow(
      /chapter 1 measures no quotes-service, accountservice: compareWith needs the same services/,
    );
  });

  it('says how to get RabbitMQ when the broker does not answer, before starting anything', async () => {
    const before = process.env.AMQP_URL;
    process.env.AMQP_URL = 'amqp://127.0.0.1:1';
    const progress = { bundled: jest.fn(), measuring: jest.fn(), measured: jest.fn() };
    try {
      await expect(runLandscapeFootprint(chapter05, TINY, progress)).rejects.toThrow(
        /RabbitMQ is not reachable at 127\.0\.0\.1:1/,
      );
      expect(progress.measuring).not.toHaveBeenCalled();
    } finally {
      if (before === undefined) delete process.env.AMQP_URL;
      else process.env.AMQP_URL = before;
    }
  });

  it('measures the chapter, the chapter it compares with and an env variant, with the rest of each landscape beside them', async () => {
    const chapter = chapterWith({
      compareWith: { chapter: 4 },
      variants: [{ name: 'logs at warn', env: { LOGGING_LEVEL_ROOT: 'warn' } }],
    });
    const events: string[] = [];
    const report = await runLandscapeFootprint(chapter, TINY, {
      bundled: (target) => events.push(`bundled ${target}`),
      supporting: (variant, services) => events.push(`${variant}: ${services.join(', ')}`),
      measuring: () => undefined,
      measured: (_round, target) => events.push(`measured ${target}`),
    });

    expect(report.landscape?.variants).toEqual([
      { name: 'chapter 05', chapter: 5, env: {}, supporting: ['logtail', 'configserver', 'vipservice'] },
      { name: 'chapter 04', chapter: 4, env: {}, supporting: ['configserver', 'vipservice'] },
      {
        name: 'logs at warn',
        chapter: 5,
        env: { LOGGING_LEVEL_ROOT: 'warn' },
        supporting: ['logtail', 'configserver', 'vipservice'],
      },
    ]);
    expect(report.landscape?.run).toBe('bundle');
    expect(events.filter((e) => e.startsWith('bundled'))).toHaveLength(4);
    expect(events).toContain('chapter 04: configserver, vipservice');
    expect(report.targets.map(labelOf)).toEqual([
      'quotes-service · chapter 05',
      'accountservice · chapter 05',
      'quotes-service · chapter 04',
      'accountservice · chapter 04',
      'quotes-service · logs at warn',
      'accountservice · logs at warn',
    ]);
    for (const t of report.targets) {
      expect(t.samples).toHaveLength(1);
      expect(t.median.failed).toBe(0);
      expect(t.median.startupMs).toBeGreaterThan(0);
      expect(t.median.idleRssMiB).toBeGreaterThan(5);
      // Bundles start from their compile cache, and once per round without it.
      expect(t.median.coldStartupMs).toBeGreaterThan(0);
      expect(t.median.coldIdleRssMiB).toBeGreaterThan(5);
      expect(t.median.cpuMsPerKRequests).toBeGreaterThan(0);
      expect(t.median.throughputRps).toBeGreaterThan(0);
      expect(t.median.p99Ms).toBeGreaterThanOrEqual(t.median.p50Ms);
    }
    expect(report.targets.find((t) => t.name === 'accountservice')?.path).toBe('/accounts/10000');
    const [quotes05, account05, ...others] = report.targets;
    for (const t of [quotes05, account05]) {
      expect(Object.keys(t.versus ?? {})).toEqual(['chapter 04', 'logs at warn']);
      for (const r of Object.values(t.versus ?? {})) {
        for (const value of [r.startup, r.idleRss, r.throughput, r.p99, r.cpuPerRequest])
          expect(value).toBeGreaterThan(0);
      }
    }
    expect(others.every((t) => t.versus === undefined)).toBe(true);
    expect(report.checks).toEqual([]);
    expect(table(report)).toMatch(/^accountservice · chapter 05 .* \d+\.\d\d$/m);
    expect(table(report)).toContain('CPU/req ×chapter 04');
  }, 240_000);
});

describe('the figures block of a landscape run', () => {
  const median = (startupMs: number, throughputRps: number) => ({
    startupMs,
    idleRssMiB: 90,
    throughputRps,
    p99Ms: 40,
    cpuMsPerKRequests: 1500,
  });
  const r = { startup: 1.1, idleRss: 1.02, throughput: 0.8, p99: 1.25, cpuPerRequest: 1.5 };
  const fixture: LandscapeFootprint = {
    generatedAt: '2026-12-02T03:00:00.000Z',
    machine: { node: 'v24.0.0', cpus: 2 },
    settings: { rate: 1000, rounds: 3, connections: 20 },
    landscape: { run: 'bundle', variants: [{ name: 'chapter 05' }, { name: 'chapter 04' }] },
    targets: [
      { name: 'accountservice', variant: 'chapter 05', median: median(660, 800), versus: { 'chapter 04': r } },
      { name: 'accountservice', variant: 'chapter 04', median: median(600, 1000) },
    ],
  };

  it('has a row per service and variant, then the chapter divided by what it is compared with', () => {
    const block = landscapeFigures(fixture, 'scripts/footprint/results/chapter-05.json');
    const lines = block.split('\n');
    expect(lines[0]).toBe(
      '| service | landscape | start-up ms | idle RSS MiB | max req/s | p99 ms (20 connections) | CPU ms per 1,000 req |',
    );
    expect(lines.slice(2, 5)).toEqual([
      '| accountservice | chapter 05 | 660 | 90.0 | 800 | 40 | 1,500 |',
      '| accountservice | chapter 04 | 600 | 90.0 | 1,000 | 40 | 1,500 |',
      '| accountservice | chapter 05 ÷ chapter 04 | 1.10× | 1.02× | 0.80× | 1.25× | 1.50× |',
    ]);
    expect(block).toContain('Medians of 3 interleaved round(s) from `scripts/footprint/results/chapter-05.json`');
    expect(block).toContain('`npm run footprint -- 5` measures them again.');
  });
});

describe('a chapter the footprint does not measure', () => {
  it('is refused with the reason and what measures its cost instead (chapter 08: its API needs a token)', async () => {
    const { code, out } = await runCli(['footprint', '8']);
    expect(code).toBe(1);
    expect(out).toMatch(/does not measure chapter 8: .*token.*edge-latency\.ts/s);
  });
});

describe('--rate', () => {
  it('refuses a rate that is not a whole number of requests per second, before measuring anything', async () => {
    const { code, out } = await runCli(['footprint', '2', '--quick', '--rate', 'fast']);
    expect(code).not.toBe(0);
    expect(out).toContain('--rate wants requests per second, a whole number from 1 to 100000 (got "fast")');
  });
});
