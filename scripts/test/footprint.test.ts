import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle } from '../lib/bundle';
import { findChapter } from '../lib/paths';
import { chart } from '../footprint/chart';
import { atRate, settledRss, startBundle, stop, throughput } from '../footprint/measure';
import { cpuSecondsOf, memoryOf } from '../footprint/proc';
import { type FootprintReport, QUICK, type TargetResult, checks } from '../footprint/run';
import { median, ratio } from '../footprint/stats';
import { table } from '../footprint/table';
import { BARE, EXPRESS, targetsFor } from '../footprint/targets';
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

function result(name: string, kind: TargetResult['kind'], startupMs: number, idleRssMiB: number, rps: number) {
  const nan = { startup: NaN, startupCpu: NaN, idleRss: NaN, rssAtRate: NaN, throughput: NaN, cpuPerRequest: NaN };
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
      idleRssMiB,
      idleUssMiB: idleRssMiB / 2,
      rssAtRateMiB: idleRssMiB + 10,
      cpuAtRatePercent: 20,
      cpuMsPerKRequests: 200,
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
    result('accountservice', 'service', 120, 60, 500),
  ],
  checks: [],
  published: PUBLISHED,
};

describe('the footprint report', () => {
  it('checks the issue’s targets: throughput ≥ 0.9× Express, idle ≤ 1.2× and start-up ≤ 1.5× bare node', () => {
    const found = checks(report.targets, QUICK);
    expect(found.map((c) => [c.what, c.met])).toEqual([
      ['accountservice (own code): throughput vs Express hello world', true],
      ['accountservice (own code): CPU per request vs Express hello world', true],
      ['accountservice (own code): idle RSS vs bare node', true],
      ['accountservice (own code): start-up vs bare node', false],
      ['accountservice (own code): start-up CPU time vs bare node', true],
      ['accountservice: idle RSS vs bare node', false],
      ['accountservice: start-up vs bare node', false],
      ['accountservice: start-up CPU time vs bare node', true],
    ]);
  });

  it('prints one row per target with medians and ratios', () => {
    const [memory, load] = table(report).split('\n\n');
    const lines = memory.split('\n');
    expect(lines).toHaveLength(2 + report.targets.length);
    expect(lines[0]).toMatch(/^target\s+start ms\s+start CPU ms\s+idle MiB\s+USS MiB/);
    expect(lines[4]).toMatch(
      /^accountservice \(own code\)\s+100\s+50\s+44\.0\s+22\.0\s+74\.0\s+2\.00\s+1\.00\s+1\.10$/,
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
      expect(rated.rps).toBeGreaterThan(50);
      expect(rated.failed).toBe(0);
      expect(rated.cpuPercent).toBeGreaterThan(0);
      expect(rated.cpuMsPerKRequests).toBeGreaterThan(0);
      const loaded = await throughput(`${started.url}/`, 4, 1);
      expect(loaded.rps).toBeGreaterThan(rated.rps);
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
