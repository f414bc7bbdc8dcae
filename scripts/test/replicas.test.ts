import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { readManifest, parseReplicas } from '../lib/manifest';
import { pollUntil } from '../lib/poll';
import { type Landscape, startLandscape } from '../lib/runner';

// Local mode's replicas: a node:cluster primary runs N copies of a service behind one port.
const chapterDir = path.resolve(__dirname, '..', '..', 'solutions', '02-swarm');
jest.setTimeout(120_000);

describe('parseReplicas', () => {
  const manifest = readManifest(chapterDir);

  it('reads NAME=N for services of the chapter', () => {
    expect(parseReplicas(['quotes-service=3', 'accountservice=2'], manifest)).toEqual({
      'quotes-service': 3,
      accountservice: 2,
    });
    expect(parseReplicas([], manifest)).toEqual({});
  });

  it.each([
    ['quotes-service', /NAME=N/],
    ['quotes-service=x', /NAME=N/],
    ['nosuch=2', /has no service "nosuch" \(it has quotes-service, accountservice\)/],
    ['quotes-service=0', /choose 1 to 8/],
    ['quotes-service=9', /choose 1 to 8/],
  ])('refuses %s', (value, message) => {
    expect(() => parseReplicas([value], manifest)).toThrow(message);
  });
});

/** The instance that answers one request made on its own connection. */
function servedBy(base: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/api/quote`, { agent: false, timeout: 10_000 }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => resolve((JSON.parse(body) as { ipAddress: string }).ipAddress));
      })
      .on('error', reject);
  });
}

async function instances(base: string, requests: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < requests; i++) seen.add(await servedBy(base));
  return seen;
}

/** The pids of the cluster primary's workers (Linux `ps`). */
function workerPids(primary: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number);
}

describe('a service run as replicas', () => {
  let landscape: Landscape;
  let base: string;

  beforeAll(async () => {
    landscape = await startLandscape({ dir: chapterDir, ports: 'free', replicas: { 'quotes-service': 2 } });
    base = landscape.url('quotes-service');
  });
  afterAll(() => landscape?.stop());

  it('answers from each replica in turn on one port', async () => {
    expect([...(await instances(base, 4))].map((ip) => ip.replace(/.*#/, '#')).sort()).toEqual(['#1', '#2']);
  });

  it('replaces a replica that dies, like a Swarm restart policy', async () => {
    const primary = landscape.services.find((s) => s.spec.name === 'quotes-service')?.process.pid as number;
    const [victim] = workerPids(primary);
    process.kill(victim, 'SIGKILL');
    const pids = await pollUntil(
      'the primary to fork a replacement',
      () => {
        const now = workerPids(primary);
        return now.length === 2 && !now.includes(victim) ? now : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(victim);
    // The replacement answers once it listens.
    const seen = await pollUntil(
      'both replicas to answer',
      async () => {
        const answered = await instances(base, 4);
        return answered.size === 2 ? answered : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(seen.size).toBe(2);
  });

  it('scales down to one replica, then up to three', async () => {
    await landscape.scale('quotes-service', 1);
    expect((await instances(base, 3)).size).toBe(1);
    await landscape.scale('quotes-service', 3);
    expect((await instances(base, 6)).size).toBe(3);
  });

  it('refuses to scale a service that was not started with replicas', async () => {
    await expect(landscape.scale('accountservice', 2)).rejects.toThrow(/not started with replicas/);
  });

  it('stops every replica gracefully: exit code 0', async () => {
    await expect(landscape.stop()).resolves.toEqual({ accountservice: 0, 'quotes-service': 0 });
  });
});
