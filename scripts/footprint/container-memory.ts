import fs from 'node:fs';
import path from 'node:path';
import { type Task, inspectContainer } from '../swarm/docker';
import { engineGet } from '../swarm/engine-api';
import { memoryOf } from './proc';

const MiB = 1024 * 1024;

interface MemoryStats {
  usage?: number;
  stats?: Record<string, number>;
}

/**
 * The memory figure `docker stats` shows: the cgroup's usage minus its inactive page cache
 * (`total_inactive_file` on cgroup v1, `inactive_file` on v2), the same figure goblog quotes.
 */
export function dockerStatsBytes(memory: MemoryStats): number {
  const usage = memory.usage ?? 0;
  const inactive = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
  return inactive < usage ? usage - inactive : usage;
}

/** The resident set of the container's node process, read from /proc on the host. */
export function nodeRssBytes(pid: number): number | undefined {
  const seen = new Set<number>();
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift() as number;
    if (seen.has(current)) continue;
    seen.add(current);
    try {
      // By the program it runs, not by comm: Node 24 names its main thread "MainThread".
      const argv0 = fs.readFileSync(`/proc/${current}/cmdline`, 'utf8').split('\0')[0];
      if (path.basename(argv0) === 'node') {
        const { rssMiB } = memoryOf(current);
        return Number.isNaN(rssMiB) ? undefined : rssMiB * MiB;
      }
      // With `init: true` PID 1 is docker-init and node is its child.
      const children = fs.readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').trim();
      queue.push(...children.split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface MemorySample {
  /** What `docker stats` shows, MiB. */
  dockerStatsMiB: number;
  /** The node process's RSS (its mapped binary included), MiB. */
  rssMiB?: number;
}

const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

export async function sampleTask(task: Task): Promise<MemorySample | undefined> {
  const id = task.Status.ContainerStatus?.ContainerID;
  if (!id) return undefined;
  try {
    const stats = await engineGet<{ memory_stats: MemoryStats }>(`/containers/${id}/stats`, {
      stream: 'false',
      'one-shot': 'true',
    });
    const { State } = await inspectContainer(id);
    const rss = State.Pid ? nodeRssBytes(State.Pid) : undefined;
    return {
      dockerStatsMiB: round(dockerStatsBytes(stats.memory_stats)),
      rssMiB: rss === undefined ? undefined : round(rss),
    };
  } catch {
    return undefined;
  }
}

/** The larger of two samples, field by field (peaks under load). */
export function peak(a: MemorySample | undefined, b: MemorySample | undefined): MemorySample | undefined {
  if (!a || !b) return a ?? b;
  return {
    dockerStatsMiB: Math.max(a.dockerStatsMiB, b.dockerStatsMiB),
    rssMiB: a.rssMiB === undefined || b.rssMiB === undefined ? (a.rssMiB ?? b.rssMiB) : Math.max(a.rssMiB, b.rssMiB),
  };
}
