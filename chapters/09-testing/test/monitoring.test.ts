import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createMetrics } from '../common/metrics';
import { BreakerRegistry } from '../common/resilience';
import { dashboardPanels } from '../grafana/dashboard-queries';

const CHAPTER = path.join(__dirname, '..');
const STACK = path.join(CHAPTER, 'stack.yml');

interface Stack {
  services: Record<
    string,
    {
      image: string;
      configs: Array<{ source: string; target: string }>;
      ports: Array<{ target: number; mode: string }>;
    }
  >;
  configs: Record<string, { file: string }>;
}

const MONITORING_CONFIGS = ['grafana_breakers', 'grafana_dashboards', 'grafana_datasource', 'prometheus'];

describe("the stack's monitoring (prom/prometheus + grafana/grafana)", () => {
  const stack = parse(readFileSync(STACK, 'utf8')) as Stack;

  it('runs the official images, with host-mode ports (no routing mesh needed)', () => {
    expect(stack.services.prometheus?.image).toMatch(/^prom\/prometheus:v\d/);
    expect(stack.services.grafana?.image).toMatch(/^grafana\/grafana:\d/);
    expect(stack.services.prometheus?.ports).toEqual([expect.objectContaining({ target: 9090, mode: 'host' })]);
    expect(stack.services.grafana?.ports).toEqual([expect.objectContaining({ target: 3000, mode: 'host' })]);
  });

  it('provisions files that exist in the chapter', () => {
    const mounted = [stack.services.prometheus, stack.services.grafana].flatMap((s) => s?.configs ?? []);
    expect(mounted.map((c) => c.source).sort()).toEqual(MONITORING_CONFIGS);
    for (const { file } of MONITORING_CONFIGS.map((name) => stack.configs[name] as { file: string })) {
      expect(() => readFileSync(path.join(CHAPTER, file))).not.toThrow();
    }
  });

  it("points the dashboard's panels at the provisioned data source", () => {
    const datasource = parse(
      readFileSync(path.join(CHAPTER, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as {
      datasources: Array<{ uid: string; url: string }>;
    };
    const uid = datasource.datasources[0]?.uid;
    expect(datasource.datasources[0]?.url).toBe('http://prometheus:9090');
    for (const panel of dashboardPanels()) expect([panel.title, panel.datasource?.uid]).toEqual([panel.title, uid]);
  });

  it('queries only metrics the services expose', async () => {
    const metrics = createMetrics({ service: 's', instance: 'i' });
    const registry = new BreakerRegistry();
    metrics.observeBreakers(registry);
    registry.breaker('quotes-service');
    metrics.amqpPublished('x', 'y');
    metrics.amqpConsumed('q');
    const exposed = await metrics.registry.metrics();
    registry.shutdown();
    const names = dashboardPanels().flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/\b[a-z_]+_(?:total|bucket|count|bytes|state)\b/g) ?? []),
    );
    expect(names.length).toBeGreaterThan(5);
    // A metric family is exposed when its TYPE line is (a counter not yet counted has no sample).
    const declared = (name: string) =>
      exposed.includes(`# TYPE ${name} `) ||
      exposed.includes(`# TYPE ${name.replace(/_(bucket|count)$/, '')} histogram`);
    for (const name of names) expect([name, declared(name)]).toEqual([name, true]);
    expect(declared('no_such_metric_total')).toBe(false);
  });
});
