import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { freePort, itWhenInstalled } from '@workshop/testkit';
import { createMetrics } from '../../common/metrics';
import { BreakerRegistry, DEFAULT_BREAKER_SETTINGS } from '../../common/resilience';
import { dashboardPanels } from '../../grafana/dashboard-queries';
import { startPrometheus } from '../run-prometheus';
import { readFileSync } from 'node:fs';
import { COMPOSE_TARGETS, SWARM_TARGETS, prometheusYml, scrapeConfig, writePrometheusConfig } from '../scrape-config';

jest.setTimeout(40_000);

describe('the scrape config generator', () => {
  it('makes one job per service and one target per replica', () => {
    const config = scrapeConfig([
      { service: 'accountservice', address: '127.0.0.1:6767' },
      { service: 'accountservice', address: '127.0.0.1:6768' },
      { service: 'imageservice', address: '127.0.0.1:7777' },
    ]);
    expect(config.scrape_configs).toEqual([
      {
        job_name: 'accountservice',
        metrics_path: '/metrics',
        static_configs: [{ targets: ['127.0.0.1:6767', '127.0.0.1:6768'], labels: { service: 'accountservice' } }],
      },
      {
        job_name: 'imageservice',
        metrics_path: '/metrics',
        static_configs: [{ targets: ['127.0.0.1:7777'], labels: { service: 'imageservice' } }],
      },
    ]);
  });

  it('scrapes every Swarm replica through tasks.<service> DNS, labelled with its service', () => {
    const [job] = scrapeConfig([{ service: 'imageservice', dnsName: 'tasks.imageservice', port: 7777 }]).scrape_configs;
    expect(job).toEqual({
      job_name: 'imageservice',
      metrics_path: '/metrics',
      dns_sd_configs: [{ names: ['tasks.imageservice'], type: 'A', port: 7777 }],
      relabel_configs: [{ target_label: 'service', replacement: 'imageservice' }],
    });
  });

  it('finds local replicas (one shared port) through an HTTP service discovery URL, and refuses one that is not a URL', () => {
    const url = 'http://127.0.0.1:7979/targets?service=accountservice';
    const [job] = scrapeConfig([{ service: 'accountservice', httpSd: url }]).scrape_configs;
    expect(job).toEqual({
      job_name: 'accountservice',
      metrics_path: '/metrics',
      http_sd_configs: [{ url, refresh_interval: '5s' }],
    });
    expect(() => scrapeConfig([{ service: 'a', httpSd: 'breakerstream:7979' }])).toThrow(/is not a URL/);
  });

  it('the committed prometheus.yml (Swarm) is what the generator writes', () => {
    const committed = readFileSync(path.join(__dirname, '..', 'prometheus.yml'), 'utf8');
    expect(committed).toBe(prometheusYml(SWARM_TARGETS, { scrapeIntervalSeconds: 5 }));
  });

  it('the committed prometheus-compose.yml finds each service by its Compose name, on the same ports', () => {
    const committed = readFileSync(path.join(__dirname, '..', 'prometheus-compose.yml'), 'utf8');
    expect(committed).toBe(prometheusYml(COMPOSE_TARGETS, { scrapeIntervalSeconds: 5 }));
    expect(COMPOSE_TARGETS).toEqual(
      SWARM_TARGETS.map((t) => ('dnsName' in t ? { service: t.service, dnsName: t.service, port: t.port } : t)),
    );
    expect(committed).not.toContain('tasks.');
  });

  it('refuses a target that is not host:port', () => {
    expect(() => scrapeConfig([{ service: 'a', address: 'http://a:1/metrics' }])).toThrow(
      /"http:\/\/a:1\/metrics" is not host:port/,
    );
    expect(() => scrapeConfig([{ service: 'bad job', address: 'a:1' }])).toThrow(/job name/);
  });

  itWhenInstalled('promtool')('writes a file promtool accepts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scrape-'));
    try {
      const file = path.join(dir, 'prometheus.yml');
      await writePrometheusConfig(file, [{ service: 'quotes-service', address: 'quotes-service:8080' }]);
      const check = spawnSync('promtool', ['check', 'config', file], { encoding: 'utf8' });
      expect(check.stdout + check.stderr).toContain('SUCCESS');
      expect(check.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A process serving /metrics with a breaker we can open: stands in for accountservice. */
async function metricsServer() {
  const metrics = createMetrics({ service: 'accountservice', instance: 'test#1' });
  const breakers = new BreakerRegistry(() => ({
    ...DEFAULT_BREAKER_SETTINGS,
    volumeThreshold: 1,
    resetTimeoutMs: 600_000,
  }));
  metrics.observeBreakers(breakers);
  const app = express();
  app.get('/metrics', metrics.handler);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { breakers, server, address: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface TargetsAnswer {
  data: { activeTargets: Array<{ health: string; labels: Record<string, string>; lastError: string }> };
}
interface QueryAnswer {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

async function poll<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the real Prometheus', () => {
  itWhenInstalled('prometheus')('scrapes a service and reports the same breaker state it does', async () => {
    const service = await metricsServer();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'prom-config-'));
    const configFile = path.join(dir, 'prometheus.yml');
    await writePrometheusConfig(configFile, [{ service: 'accountservice', address: service.address }], {
      scrapeIntervalSeconds: 1,
    });
    const prometheus = await startPrometheus(configFile, await freePort());
    try {
      // Open the breaker: one failed call is enough at volume threshold 1.
      const breaker = service.breakers.breaker('quotes-service');
      await breaker.call(
        () => Promise.reject(new Error('down')),
        () => 'fallback',
      );
      expect(breaker.state).toBe('open');

      const target = await poll(async () => {
        const body = (await (await fetch(`${prometheus.url}/api/v1/targets`)).json()) as TargetsAnswer;
        return body.data.activeTargets.find((t) => t.labels.job === 'accountservice' && t.health === 'up');
      }, 'the accountservice target to be up');
      expect(target.labels).toMatchObject({ instance: service.address, service: 'accountservice' });

      const query = encodeURIComponent('circuit_breaker_state{breaker="quotes-service"} == 1');
      const result = await poll(async () => {
        const body = (await (await fetch(`${prometheus.url}/api/v1/query?query=${query}`)).json()) as QueryAnswer;
        return body.data.result.length > 0 ? body.data.result : undefined;
      }, 'the breaker state in Prometheus');
      expect(result).toHaveLength(1);
      expect(result[0]?.metric).toMatchObject({ state: breaker.state, job: 'accountservice', instance_id: 'test#1' });

      // Every query of the Grafana dashboard is valid PromQL for this Prometheus; its state panel says "open" (2).
      for (const panel of dashboardPanels()) {
        for (const { expr } of panel.targets) {
          const body = (await (
            await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`)
          ).json()) as { status: string };
          expect([panel.title, body.status]).toEqual([panel.title, 'success']);
        }
      }
      const stateExpr = dashboardPanels()[0]?.targets[0]?.expr ?? '';
      const state = (await (
        await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(stateExpr)}`)
      ).json()) as QueryAnswer;
      expect(state.data.result.map((r) => [r.metric.breaker, r.value[1]])).toEqual([['quotes-service', '2']]);
    } finally {
      await prometheus.stop();
      service.breakers.shutdown();
      service.server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

it('prometheusYml starts with a generated-file notice', () => {
  expect(prometheusYml([{ service: 'a', address: 'a:1' }])).toMatch(/^# Generated .*\nglobal:/);
});
