import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunningPrometheus, startPrometheus } from '../../solutions/07-breakers/prometheus/run-prometheus';
import { type ScrapeTarget, writePrometheusConfig } from '../../solutions/07-breakers/prometheus/scrape-config';
import { hasCommand } from './docker';
import type { Landscape } from './runner';

export const HOW_TO_GET_PROMETHEUS = [
  'Chapter 7 starts a local Prometheus when one is installed:',
  '  • Debian/Ubuntu:  sudo apt-get install -y prometheus   (the chapter runs its own, on 127.0.0.1:9090)',
  '  • elsewhere:      https://prometheus.io/download/ and put `prometheus` on PATH',
].join('\n');

/** Is Debian's (or any) `prometheus` binary on PATH? */
export function prometheusInstalled(): boolean {
  return hasCommand('prometheus');
}

/**
 * The scrape targets of a running local landscape: every service with a `metrics` path, at its
 * port; a service run as replicas (one shared port) through the manifest's `scrapeDiscovery`
 * service instead, which lists each replica's own address.
 */
export function localScrapeTargets(landscape: Landscape): ScrapeTarget[] {
  const { scrapeDiscovery } = landscape.manifest;
  return landscape.services
    .filter((s) => s.spec.metrics)
    .map((s) =>
      s.replicas && scrapeDiscovery
        ? { service: s.spec.name, httpSd: `${landscape.url(scrapeDiscovery)}/targets?service=${s.spec.name}` }
        : { service: s.spec.name, address: `127.0.0.1:${s.port}` },
    );
}

/** Writes the scrape config of the running landscape to a temp folder and starts Prometheus on it. */
export async function startLocalPrometheus(landscape: Landscape, port: number): Promise<RunningPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'prometheus-config-'));
  const file = path.join(dir, 'prometheus.yml');
  await writePrometheusConfig(file, localScrapeTargets(landscape), { scrapeIntervalSeconds: 2 });
  const running = await startPrometheus(file, port);
  return {
    ...running,
    stop: async () => {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
