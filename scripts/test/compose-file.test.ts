import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { itWhenInstalled, validate } from '../lib/docker';
import { readManifest } from '../lib/manifest';
import { REPO_ROOT } from '../lib/paths';

// The root docker-compose.yml, checked offline against the chapters' landscape.yml files.
// `docker stack config` is not the tool here: Swarm ignores `build` and `depends_on`, and its
// schema rejects the `condition: service_healthy` form that Compose needs for ordered start-up.
const composeFile = path.join(REPO_ROOT, 'docker-compose.yml');

interface ComposeService {
  image: string;
  command?: string[];
  build?: { context: string; args?: Record<string, string> };
  init?: boolean;
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
// The broker password comes from the shell (${AMQP_PASSWORD:?…}); any value lets Compose read the file.
const WITH_PASSWORD = { AMQP_PASSWORD: 'compose-config-check' };

/** The chapter's Swarm stack, where the services holding the broker's password say so (secrets). */
function stackOf(context: string) {
  return YAML.parse(fs.readFileSync(path.join(context, 'stack.yml'), 'utf8')) as {
    services: Record<string, { secrets?: (string | { source: string })[] }>;
  };
}

const compose = YAML.parse(fs.readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };
const built = Object.entries(compose.services).filter(([, s]) => s.build);

describe('docker-compose.yml', () => {
  itWhenInstalled('docker-compose')('is valid for `docker-compose config` (no engine needed)', () => {
    const result = validate('docker-compose', composeFile, WITH_PASSWORD);
    if (!result.ok) throw new Error(`docker-compose -f docker-compose.yml config failed:\n${result.output}`);
  });

  itWhenInstalled('docker-compose')(
    'refuses to start without a broker password, and says which variable to set',
    () => {
      const result = validate('docker-compose', composeFile, { AMQP_PASSWORD: undefined });
      expect(result.ok).toBe(false);
      expect(result.output).toContain('set AMQP_PASSWORD to the broker password you want');
    },
  );

  it.each(built)('%s is built from a chapter and agrees with its landscape.yml', (name, service) => {
    const manifest = readManifest(path.join(REPO_ROOT, service.build?.context ?? ''));
    const spec = manifest.services.find((s) => s.name === name);
    if (!spec) throw new Error(`${service.build?.context}/landscape.yml has no service ${name}`);
    expect(service.build?.args).toEqual({ SERVICE: name, PORT: String(spec.port) });
    expect(service.environment?.PORT).toBe(String(spec.port));
    // A service chapter 08's edge routes to (SERVICE_URL_<NAME>) is not published, as in the stack:
    // callers come through the edge. logtail also takes GELF over UDP, from the host's Docker daemon.
    const routed = `SERVICE_URL_${name.toUpperCase().replace(/-/g, '_')}`;
    const behindEdge = manifest.services.some((s) => s.https && routed in s.env);
    expect(service.ports).toEqual(
      behindEdge ? undefined : [`${spec.port}:${spec.port}`, ...(spec.udp ? [`${spec.udp}:${spec.udp}/udp`] : [])],
    );
    // Chapter 08's edge serves HTTPS; its plain-HTTP port (HTTP_PORT) answers the health check.
    const health = spec.https ? spec.https.httpPort : spec.port;
    if (spec.https) expect(service.environment?.HTTP_PORT).toBe(String(spec.https.httpPort));
    expect(service.healthcheck?.test).toEqual([
      'CMD',
      'node',
      'healthcheck.js',
      `http://127.0.0.1:${health}${spec.health}`,
    ]);
    expect(service.init).toBe(true);
  });

  it.each(built)(
    '%s waits for every service it calls, and the broker if it uses one, to be healthy',
    (name, service) => {
      const context = path.join(REPO_ROOT, service.build?.context ?? '');
      const manifest = readManifest(context);
      const spec = manifest.services.find((s) => s.name === name);
      // A redirect URI (chapter 08's authserver: where the edge sends a browser back) is no call.
      const env = Object.entries(spec?.env ?? {}).filter(([key]) => !key.endsWith('REDIRECT_URIS'));
      const calls = [...JSON.stringify(env).matchAll(/\{\{port:([a-z0-9-]+)\}\}/g)]
        .map((m) => m[1])
        // imageservice names itself, for the image URLs it hands out: no wait on itself.
        .filter((called) => called !== name);
      // The log tail (chapter 05) needs nothing; every other service waits for it, so no first line is lost.
      const isLogTail = name === manifest.gelf;
      const logTail = manifest.gelf && !isLogTail ? [manifest.gelf] : [];
      // The broker, for the services that hold its password in the chapter's stack (chapter 07's
      // imageservice has none); Prometheus (chapter 07) scrapes the services, none waits for it.
      const secrets = stackOf(context).services[name]?.secrets ?? [];
      const usesBroker = secrets.some((s) => (typeof s === 'string' ? s : s.source) === 'amqp_password');
      const servers = isLogTail ? [] : manifest.servers.filter((s) => s === 'rabbitmq' && usesBroker);
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(
        [...new Set([...calls, ...servers, ...logTail])].sort(),
      );
      for (const dependency of Object.values(service.depends_on ?? {})) {
        expect(dependency.condition).toBe('service_healthy');
      }
    },
  );

  it('runs the supporting servers as the real images: RabbitMQ, and Spring Cloud Config Server over config-repo/', () => {
    const contexts = new Set(built.map(([, s]) => s.build?.context ?? ''));
    expect(contexts.size).toBe(1);
    const [context] = [...contexts];
    const manifest = readManifest(path.join(REPO_ROOT, context));
    for (const server of manifest.servers) expect(Object.keys(compose.services)).toContain(server);
    expect(compose.services.rabbitmq.image).toMatch(/^rabbitmq:3\.\d+-management$/);
    const configserver = compose.services.configserver as ComposeService & { volumes?: string[] };
    expect(configserver.image).toMatch(/^hyness\/spring-cloud-config-server:/);
    expect(configserver.volumes).toEqual([`./${context}/config-repo:/config-repo:ro`]);
    expect(configserver.environment?.SPRING_PROFILES_ACTIVE).toBe('native,cloud-bus-rabbit');
  });

  it('sends every built service but the log tail to it with the gelf driver; logtail forwards to Loki, Grafana reads it', () => {
    const [, logtail] = built.find(([name]) => name === 'logtail') ?? [];
    expect(logtail?.environment?.SINK_URL).toBe('http://loki:3100/loki/api/v1/push');
    for (const [name, service] of built.filter(([name]) => name !== 'logtail')) {
      const { logging } = service as ComposeService & { logging?: { driver: string; options: Record<string, string> } };
      expect({ name, driver: logging?.driver, address: logging?.options['gelf-address'] }).toEqual({
        name,
        driver: 'gelf',
        address: 'udp://127.0.0.1:12202',
      });
    }
    expect(compose.services.loki.image).toMatch(/^grafana\/loki:\d/);
    expect(compose.services.grafana.image).toMatch(/^grafana\/grafana:\d/);
  });

  it('runs the real Zipkin for the traced services, which load tracing first and send their spans to it by name', () => {
    const [, first] = built[0];
    const manifest = readManifest(path.join(REPO_ROOT, first.build?.context ?? ''));
    const zipkin = manifest.services.find((s) => s.name === 'zipkin');
    if (!zipkin) throw new Error('the chapter of docker-compose.yml has no zipkin in its landscape.yml');
    expect(compose.services.zipkin.image).toMatch(/^openzipkin\/zipkin:\d/);
    expect(compose.services.zipkin.ports).toEqual([`${zipkin.port}:${zipkin.port}`]);
    const traced = manifest.services.filter((s) => s.preload).map((s) => s.name);
    expect(traced.sort()).toEqual(['accountservice', 'imageservice', 'quotes-service', 'vipservice']);
    for (const name of traced) {
      expect({ name, command: compose.services[name].command }).toEqual({
        name,
        command: ['node', '--require', './register.js', 'main.js'],
      });
      expect(compose.services[name].environment).toMatchObject({
        OTEL_SERVICE_NAME: name,
        TRACING_ZIPKIN_URL: `http://zipkin:${zipkin.port}/api/v2/spans`,
      });
    }
  });

  it('runs the real Prometheus on the generated Compose scrape config, and Grafana with the breaker dashboard', () => {
    const [, first] = built[0];
    const context = first.build?.context ?? '';
    const prometheus = compose.services.prometheus as ComposeService & { volumes?: string[] };
    expect(prometheus.image).toMatch(/^prom\/prometheus:v\d/);
    expect(prometheus.volumes).toEqual([
      `./${context}/prometheus/prometheus-compose.yml:/etc/prometheus/prometheus.yml:ro`,
    ]);
    // Every service with /metrics in the landscape is a job of that config, found by its Compose name.
    const scrape = YAML.parse(
      fs.readFileSync(path.join(REPO_ROOT, context, 'prometheus/prometheus-compose.yml'), 'utf8'),
    ) as {
      scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; port: number }[] }[];
    };
    const metered = readManifest(path.join(REPO_ROOT, context)).services.filter((s) => s.metrics);
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(
      scrape.scrape_configs
        .map((job) => [job.job_name, job.dns_sd_configs[0].names, job.dns_sd_configs[0].port])
        .sort(byName),
    ).toEqual(metered.map((s) => [s.name, [s.name], s.port]).sort(byName));
    for (const name of metered.map((s) => s.name)) expect(Object.keys(compose.services)).toContain(name);
    const grafana = compose.services.grafana as ComposeService & { volumes?: string[] };
    for (const file of (grafana.volumes ?? []).map((v) => v.split(':')[0])) {
      expect(fs.existsSync(path.join(REPO_ROOT, file))).toBe(true);
    }
    expect(grafana.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
      '/var/lib/grafana/dashboards/breakers.json',
    );
    expect(grafana.volumes).toContain(`./${context}/grafana/dashboards:/var/lib/grafana/dashboards:ro`);
  });

  it("gives each service the stack's file secrets (chapter 08: keys, client secrets, the edge's certificate), from the same files", () => {
    const [, first] = built[0];
    const context = first.build?.context ?? '';
    const stack = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, context, 'stack.yml'), 'utf8')) as {
      services: Record<string, { secrets?: (string | { source: string })[] }>;
      secrets?: Record<string, { file?: string }>;
    };
    const full = compose as unknown as {
      services: Record<string, { secrets?: string[] }>;
      secrets?: Record<string, { file?: string }>;
    };
    const fromFiles = new Set(Object.entries(stack.secrets ?? {}).flatMap(([n, s]) => (s.file ? [n] : [])));
    for (const [name] of built) {
      const wanted = (stack.services[name]?.secrets ?? [])
        .map((s) => (typeof s === 'string' ? s : s.source))
        .filter((s) => fromFiles.has(s));
      expect({ name, secrets: full.services[name].secrets ?? [] }).toEqual({ name, secrets: wanted });
    }
    for (const secret of fromFiles) {
      expect(path.resolve(REPO_ROOT, full.secrets?.[secret]?.file ?? '')).toBe(
        path.resolve(REPO_ROOT, context, stack.secrets?.[secret]?.file ?? ''),
      );
    }
  });

  it('takes the broker password from the shell, never from the file', () => {
    const text = fs.readFileSync(composeFile, 'utf8');
    for (const line of text.split('\n').filter((l) => /PASS(WORD)?:/.test(l))) {
      expect(line).toMatch(/\$\{AMQP_PASSWORD:\?/);
    }
  });
});
