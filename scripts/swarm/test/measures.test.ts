import { dockerStatsBytes, nodeRssBytes, peak } from '../../footprint/container-memory';
import { type RollingUpdateResult, zeroLossProblems } from '../rolling-update';
import { phases } from '../in-swarm-load';
import type { ModeStats } from '../load-client';

describe('the docker stats memory figure', () => {
  it('is usage minus inactive page cache, on cgroup v1 and v2', () => {
    expect(dockerStatsBytes({ usage: 100, stats: { total_inactive_file: 30 } })).toBe(70);
    expect(dockerStatsBytes({ usage: 100, stats: { inactive_file: 40 } })).toBe(60);
    expect(dockerStatsBytes({ usage: 100, stats: {} })).toBe(100);
    expect(dockerStatsBytes({ usage: 10, stats: { total_inactive_file: 30 } })).toBe(10);
  });

  it('keeps the peak of each figure', () => {
    expect(peak({ dockerStatsMiB: 10, rssMiB: 50 }, { dockerStatsMiB: 12, rssMiB: 45 })).toEqual({
      dockerStatsMiB: 12,
      rssMiB: 50,
    });
    expect(peak(undefined, { dockerStatsMiB: 3 })).toEqual({ dockerStatsMiB: 3 });
  });

  it('finds the RSS of a node process by PID (this one)', () => {
    const rss = nodeRssBytes(process.pid);
    expect(rss).toBeGreaterThan(10 * 1024 * 1024);
    expect(nodeRssBytes(2 ** 30)).toBeUndefined();
  });
});

describe('the load phases around the update', () => {
  it('splits requests and failures by when the progress report arrived', () => {
    const points = [
      { at: 100, sent: 10, failed: 0 },
      { at: 200, sent: 20, failed: 1 },
      { at: 300, sent: 30, failed: 4 },
      { at: 400, sent: 40, failed: 4 },
    ];
    expect(phases(points, 150, 300)).toEqual({
      before: { sent: 10, failed: 0 },
      during: { sent: 20, failed: 4 },
      after: { sent: 10, failed: 0 },
    });
  });
});

describe('the zero-loss verdict', () => {
  const ok = (servedBy: Record<string, number>): ModeStats => ({
    sent: 10,
    ok: 10,
    failed: 0,
    errors: {},
    servedBy,
    failedTo: {},
    slowLookups: 0,
  });
  const result = (fresh: ModeStats, keepalive: ModeStats): RollingUpdateResult => ({
    service: 'accountservice',
    replicas: 2,
    ratePerSecond: 10,
    updateMs: 1000,
    load: { type: 'summary', durationMs: 1000, modes: { fresh, keepalive } },
    phases: { before: { sent: 0, failed: 0 }, during: { sent: 0, failed: 0 }, after: { sent: 0, failed: 0 } },
    oldAddresses: ['10.0.0.2', '10.0.0.3'],
    newAddresses: ['10.0.0.5', '10.0.0.6'],
    oldTasks: ['t1', 't2'],
    newTasks: ['t3', 't4'],
  });

  it('holds when nothing failed and both old and new tasks answered', () => {
    expect(
      zeroLossProblems(result(ok({ '10.0.0.2': 5, '10.0.0.5': 5 }), ok({ '10.0.0.3': 4, '10.0.0.6': 6 }))),
    ).toEqual([]);
  });

  it('fails on a single lost request, naming the error', () => {
    const lost = { ...ok({ '10.0.0.2': 4, '10.0.0.5': 5 }), ok: 9, failed: 1, errors: { ECONNRESET: 1 } };
    expect(zeroLossProblems(result(ok({ '10.0.0.2': 5, '10.0.0.5': 5 }), lost))).toEqual([
      'keepalive: 1 of 10 requests failed {"ECONNRESET":1}',
    ]);
  });

  it('says so when requests failed before the update began (an overloaded machine, not the update)', () => {
    const lost = { ...ok({ '10.0.0.2': 4, '10.0.0.5': 5 }), ok: 9, failed: 1, errors: { timeout: 1 } };
    const overloaded = {
      ...result(ok({ '10.0.0.2': 5, '10.0.0.5': 5 }), lost),
      phases: { before: { sent: 5, failed: 1 }, during: { sent: 10, failed: 0 }, after: { sent: 5, failed: 0 } },
    };
    expect(zeroLossProblems(overloaded)).toEqual([
      'keepalive: 1 of 10 requests failed {"timeout":1}',
      expect.stringMatching(/^1 requests failed before the update began: the machine could not carry 10 req\/s/),
    ]);
  });

  it('fails when the load never reached the new tasks (no update under load happened)', () => {
    expect(zeroLossProblems(result(ok({ '10.0.0.2': 10 }), ok({ '10.0.0.3': 10 })))).toEqual([
      'fresh: no request reached a new task',
      'keepalive: no request reached a new task',
    ]);
  });
});
