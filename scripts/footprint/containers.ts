import { type Image, inspectImage, runningTasks, serviceTasks } from '../swarm/docker';
import { engineGet } from '../swarm/engine-api';
import type { StackPlan } from '../swarm/stack';
import { type MemorySample, peak, sampleTask } from './container-memory';
import { type LoadFigures, runLoad } from './load';

const MiB = 1024 * 1024;
const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** Memory of every running task of every service, keyed by service, one sample per task. */
export async function memoryNow(plan: StackPlan): Promise<Record<string, MemorySample[]>> {
  const out: Record<string, MemorySample[]> = {};
  for (const service of plan.services) {
    const samples = await Promise.all(runningTasks(await serviceTasks(service.swarmName)).map(sampleTask));
    out[service.name] = samples.filter((s): s is MemorySample => s !== undefined);
  }
  return out;
}

/** A load run against a container and what it asked for. */
export interface ContainerLoad extends LoadFigures {
  url: string;
  targetRate: number;
}

/**
 * A fixed rate of requests (loopback, bounded duration) at `url` while every task's memory is
 * sampled; resolves to the load's figures and each task's peak.
 */
export async function memoryUnderLoad(
  plan: StackPlan,
  url: string,
  { rate = 1000, seconds = 10, connections = 20 } = {},
): Promise<{ load: ContainerLoad; peaks: Record<string, MemorySample[]> }> {
  const byTask = new Map<string, { service: string; sample?: MemorySample }>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        for (const service of plan.services) {
          for (const task of runningTasks(await serviceTasks(service.swarmName))) {
            const entry = byTask.get(task.ID) ?? { service: service.name };
            entry.sample = peak(entry.sample, await sampleTask(task));
            byTask.set(task.ID, entry);
          }
        }
      } catch {
        // Sampling is best effort (a task may vanish between two calls); the load goes on.
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();
  const figures = await runLoad(url, { connections, seconds, rate, timeoutSeconds: 5 });
  sampling = false;
  await sampler;
  const peaks: Record<string, MemorySample[]> = {};
  for (const { service, sample } of byTask.values()) if (sample) (peaks[service] ??= []).push(sample);
  return {
    load: { url, targetRate: rate, ...figures },
    peaks,
  };
}

export interface ImageFootprint {
  image: string;
  totalMiB: number;
  baseMiB: number;
  /** What the service adds on top of the base: its layers, MiB. */
  appMiB: number;
  layers: { createdBy: string; MiB: number }[];
}

/** An image's size split into the base image and the layers the Dockerfile adds. */
export async function imageFootprint(image: string, base: Image): Promise<ImageFootprint> {
  const info = await inspectImage(image);
  if (!info) throw new Error(`image ${image} does not exist`);
  const history = await engineGet<{ Id: string; CreatedBy: string; Size: number }[]>(
    `/images/${encodeURIComponent(image)}/history`,
  );
  // History lists the newest step first, down to the base image's own entry.
  const baseIndex = history.findIndex((h) => h.Id === base.Id);
  if (baseIndex < 0) throw new Error(`${image} is not built on ${base.Id}`);
  const layers = history
    .slice(0, baseIndex)
    .filter((h) => h.Size > 0)
    .map((h) => ({
      createdBy: h.CreatedBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '')
        .trim()
        .slice(0, 120),
      MiB: round(h.Size),
    }));
  return { image, totalMiB: round(info.Size), baseMiB: round(base.Size), appMiB: round(info.Size - base.Size), layers };
}
