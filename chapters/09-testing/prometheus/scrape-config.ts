import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

/**
 * Where Prometheus finds a service's /metrics: one process at host:port (local mode: one entry per
 * replica), or every replica behind a DNS name (Swarm: `tasks.accountservice` answers one A record
 * per task, so Prometheus scrapes each replica, not the VIP that would pick one at random).
 */
export type ScrapeTarget =
  | { service: string; address: string }
  | { service: string; dnsName: string; port: number }
  /** Local replicas (one shared port): their own addresses from an HTTP service discovery URL. */
  | { service: string; httpSd: string };

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
  const byService = new Map<
    string,
    { addresses: string[]; dns: Array<{ names: string[]; type: 'A'; port: number }>; http: Array<{ url: string }> }
  >();
  for (const target of targets) {
    const { service } = target;
    if (!JOB.test(service)) throw new Error(`Not a usable job name: "${service}"`);
    const job = byService.get(service) ?? { addresses: [], dns: [], http: [] };
    byService.set(service, job);
    if ('httpSd' in target) {
      if (!/^https?:\/\/\S+$/.test(target.httpSd)) throw new Error(`${service}: "${target.httpSd}" is not a URL`);
      job.http.push({ url: target.httpSd });
    } else if ('address' in target) {
      if (!ADDRESS.test(target.address)) throw new Error(`${service}: "${target.address}" is not host:port`);
      if (!job.addresses.includes(target.address)) job.addresses.push(target.address);
    } else {
      if (!/^[A-Za-z0-9.-]+$/.test(target.dnsName))
        throw new Error(`${service}: "${target.dnsName}" is not a DNS name`);
      if (!(Number.isInteger(target.port) && target.port > 0 && target.port < 65536))
        throw new Error(`${service}: ${target.port} is not a port`);
      job.dns.push({ names: [target.dnsName], type: 'A', port: target.port });
    }
  }
  return {
    global: { scrape_interval: `${scrapeIntervalSeconds}s`, evaluation_interval: `${scrapeIntervalSeconds}s` },
    scrape_configs: [...byService].map(([service, { addresses, dns, http }]) => ({
      job_name: service,
      metrics_path: metricsPath,
      ...(addresses.length > 0 ? { static_configs: [{ targets: addresses, labels: { service } }] } : {}),
      // dns_sd_configs cannot carry labels: the service label comes from the job by relabelling.
      ...(dns.length > 0
        ? { dns_sd_configs: dns, relabel_configs: [{ target_label: 'service', replacement: service }] }
        : {}),
      // The discovery answers the service label with each target (breakerstream's GET /targets).
      ...(http.length > 0 ? { http_sd_configs: http.map(({ url }) => ({ url, refresh_interval: '5s' })) } : {}),
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

/** The Swarm stack's services and ports (goblog's landscape): every replica found through tasks.<name>. */
export const SWARM_TARGETS: ScrapeTarget[] = [
  { service: 'accountservice', dnsName: 'tasks.accountservice', port: 6767 },
  { service: 'quotes-service', dnsName: 'tasks.quotes-service', port: 8080 },
  { service: 'vipservice', dnsName: 'tasks.vipservice', port: 6868 },
  { service: 'imageservice', dnsName: 'tasks.imageservice', port: 7777 },
];

/**
 * The root docker-compose.yml's: Compose's DNS answers a service's name with one address per
 * container (no tasks.<name> outside Swarm), so every container is still scraped on its own.
 */
export const COMPOSE_TARGETS: ScrapeTarget[] = SWARM_TARGETS.map((target) =>
  'dnsName' in target ? { ...target, dnsName: target.service } : target,
);

// `tsx prometheus/scrape-config.ts FILE` writes the Swarm config (prometheus/prometheus.yml);
// `--compose FILE` the root docker-compose.yml's (prometheus/prometheus-compose.yml).
if (require.main === module) {
  const compose = process.argv[2] === '--compose';
  const file = process.argv[compose ? 3 : 2];
  if (!file) {
    console.error('usage: tsx scrape-config.ts [--compose] OUTPUT.yml');
    process.exit(2);
  }
  writePrometheusConfig(file, compose ? COMPOSE_TARGETS : SWARM_TARGETS, { scrapeIntervalSeconds: 5 }).then(
    () => console.log(`wrote ${file}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
