import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

/** One process Prometheus scrapes: the service it belongs to and where its /metrics is. */
export interface ScrapeTarget {
  service: string;
  /** host:port, e.g. 127.0.0.1:6767 (local mode) or accountservice:6767. */
  address: string;
}

export interface ScrapeOptions {
  /** How often every target is scraped (Prometheus' default is 60 s; a demo wants a few seconds). */
  scrapeIntervalSeconds?: number;
  metricsPath?: string;
}

const ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const JOB = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/**
 * prometheus.yml as an object: one scrape job per service, one target per replica (so two
 * accountservice replicas are two targets of job "accountservice", told apart by `instance`).
 */
export function scrapeConfig(
  targets: ScrapeTarget[],
  { scrapeIntervalSeconds = 5, metricsPath = '/metrics' }: ScrapeOptions = {},
) {
  const byService = new Map<string, string[]>();
  for (const { service, address } of targets) {
    if (!JOB.test(service)) throw new Error(`Not a usable job name: "${service}"`);
    if (!ADDRESS.test(address)) throw new Error(`${service}: "${address}" is not host:port`);
    const addresses = byService.get(service) ?? [];
    if (!addresses.includes(address)) addresses.push(address);
    byService.set(service, addresses);
  }
  return {
    global: { scrape_interval: `${scrapeIntervalSeconds}s`, evaluation_interval: `${scrapeIntervalSeconds}s` },
    scrape_configs: [...byService].map(([service, addresses]) => ({
      job_name: service,
      metrics_path: metricsPath,
      static_configs: [{ targets: addresses, labels: { service } }],
    })),
  };
}

/** The same, as the YAML text Prometheus reads. */
export function prometheusYml(targets: ScrapeTarget[], options?: ScrapeOptions): string {
  return `# Generated from the chapter's landscape by prometheus/scrape-config.ts: do not edit.\n${stringify(scrapeConfig(targets, options))}`;
}

export async function writePrometheusConfig(
  file: string,
  targets: ScrapeTarget[],
  options?: ScrapeOptions,
): Promise<void> {
  await writeFile(file, prometheusYml(targets, options));
}
