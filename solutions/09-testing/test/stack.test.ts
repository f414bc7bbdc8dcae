import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { hasCommand, itWhenInstalled, readManifest, validate } from '@workshop/testkit';

// The Swarm stack file, checked offline: Docker's own parser validates it, then the fields that
// matter are asserted one by one, and the stack must agree with the chapter's landscape.yml.
// Our services run our images; the configserver is the real Spring Cloud Config Server, the broker the
// real RabbitMQ, the trace store the real Zipkin.
const chapterDir = path.resolve(__dirname, '..');
const stackFile = path.join(chapterDir, 'stack.yml');
const manifest = readManifest(chapterDir);

const DOCKER = hasCommand('docker');
const withDocker = itWhenInstalled('docker');
const withCompose = itWhenInstalled('docker-compose');

interface StackService {
  image: string;
  command?: string[];
  init?: boolean;
  environment?: Record<string, string>;
  ports?: { target: number; published: number; protocol?: string; mode?: string }[];
  networks?: Record<string, unknown> | string[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period?: string };
  stop_grace_period?: string;
  configs?: { source: string; target: string }[];
  secrets?: { source: string; target?: string }[];
  deploy: {
    replicas: number;
    endpoint_mode?: string;
    update_config?: { parallelism: number; order: string; failure_action: string };
    restart_policy?: { condition: string };
    resources?: { limits?: { cpus?: string; memory?: string } };
  };
}
interface Stack {
  services: Record<string, StackService>;
  networks: Record<string, { driver?: string }>;
  configs?: Record<string, { file: string }>;
  secrets?: Record<string, { external?: boolean }>;
}

/** The stack as Swarm reads it (normalised by `docker stack config`), or as YAML without Docker. */
const stack: Stack = YAML.parse(
  DOCKER ? validate('docker stack', stackFile).output : fs.readFileSync(stackFile, 'utf8'),
);
const CONFIG_REPO = path.join(chapterDir, 'config-repo');
const SPRING_CONFIG_SERVER = 'configserver';
/** Local mode's embedded Zipkin; the stack runs openzipkin/zipkin under the same name and port. */
const ZIPKIN = 'zipkin';
const ours = manifest.services.filter((s) => s.name !== SPRING_CONFIG_SERVER && s.name !== ZIPKIN);
/** The services that load tracing first (landscape.yml's preload). */
const traced = ours.filter((s) => s.preload);
/** Read by register.ts before the config client runs: the one address a service takes from env in the swarm. */
const TRACING_ADDRESS = 'TRACING_ZIPKIN_URL';
const services = Object.entries(stack.services);
const ourServices = services.filter(([name]) => ours.some((s) => s.name === name));
/** logtail takes only env: it comes up first and must not depend on the config server it logs for. */
const LOG_TAIL = 'logtail';
/** Chapter 08: authserver and edge take only env and Docker secrets: no config server, no broker. */
const SECURITY = ['authserver', 'edge'];
const configClients = ours.filter((s) => s.name !== LOG_TAIL && !SECURITY.includes(s.name));
/** Chapter 07: imageservice does not use the broker either, so it gets no broker password. */
const NO_BROKER = [LOG_TAIL, 'imageservice', ...SECURITY];
/** Chapter 08: the secrets `npm run secrets -- 8` writes, per service that reads them. */
const SECURITY_SECRETS: Record<string, string[]> = {
  authserver: [
    'authserver-signing-keys',
    'authserver-cookie-key',
    'client-secret-accountservice',
    'client-secret-edge',
    'demo-user-password',
  ],
  edge: ['edge-tls-key', 'edge-tls-cert'],
};
/** Supporting servers that are not in landscape.yml: Grafana (the stack's dashboards; local mode has the page). */
const STACK_ONLY = ['grafana'];
/** One copy each, with a host-mode port or its data on the node: a second task beside the first makes no sense. */
const SINGLE_COPY = [...manifest.servers, ...STACK_ONLY] as string[];

function seconds(duration: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(duration ?? '');
  if (!match) return NaN;
  return Number(match[1]) * { ms: 0.001, s: 1, m: 60 }[match[2] as 'ms' | 's' | 'm'];
}

describe('stack.yml', () => {
  withDocker('is a valid stack file for `docker stack config` (no engine needed)', () => {
    const result = validate('docker stack', stackFile);
    if (!result.ok) throw new Error(`docker stack config -c ${stackFile} failed:\n${result.output}`);
  });

  withCompose('is a valid Compose file too (`docker-compose config`)', () => {
    const result = validate('docker-compose', stackFile);
    if (!result.ok) throw new Error(`docker-compose -f ${stackFile} config failed:\n${result.output}`);
  });

  it('runs the services and supporting servers of landscape.yml, no more, no fewer', () => {
    const expected = [...manifest.services.map((s) => s.name), ...manifest.servers, ...STACK_ONLY];
    expect(Object.keys(stack.services).sort()).toEqual(expected.sort());
  });

  it.each(ours.map((s) => [s.name, s] as const))(
    '%s listens on the port of landscape.yml and is health-checked on its health path',
    (name, spec) => {
      const service = stack.services[name];
      expect(service.environment?.PORT).toBe(String(spec.port));
      // Chapter 08: the edge serves HTTPS; its plain-HTTP port answers the health check (no certificate to trust).
      const probed = spec.https ? spec.https.httpPort : spec.port;
      if (spec.https) expect(service.environment?.HTTP_PORT).toBe(String(spec.https.httpPort));
      expect(service.healthcheck?.test).toEqual([
        'CMD',
        'node',
        'healthcheck.js',
        `http://127.0.0.1:${probed}${spec.health}`,
      ]);
      expect(seconds(service.healthcheck?.interval)).toBeLessThanOrEqual(5);
      expect(seconds(service.healthcheck?.timeout)).toBeLessThan(seconds(service.healthcheck?.interval));
      expect(service.healthcheck?.retries).toBeGreaterThanOrEqual(2);
    },
  );

  it('finds the config server by its Swarm service name, and every other address in config-repo/', () => {
    for (const spec of configClients) {
      expect(stack.services[spec.name].environment?.CONFIG_SERVER_URL).toBe('http://configserver:8888');
      // Local mode overrides addresses with env (the CLI picks the ports); in the swarm, nothing may.
      for (const [key, value] of Object.entries(spec.env)) {
        if (key !== 'CONFIG_SERVER_URL' && key !== TRACING_ADDRESS && value.includes('{{port:')) {
          expect(stack.services[spec.name].environment).not.toHaveProperty(key);
        }
      }
    }
    // What the config server answers for the stack's profile: the profile file first, then the base.
    const profile = stack.services.accountservice.environment?.PROFILE;
    const [specific, base] = [`accountservice-${profile}.yml`, 'accountservice.yml'].map((file) =>
      YAML.parse(fs.readFileSync(path.join(CONFIG_REPO, file), 'utf8')),
    );
    expect(specific.quotes?.['service-url'] ?? base.quotes['service-url']).toBe('http://tasks.quotes-service:8080');
  });

  it('publishes the edge (the API), vipservice and breakerstream through the routing mesh on their own ports; the others stay internal', () => {
    // Chapter 08: the API has one door, the edge; accountservice and authserver are reached by name inside.
    expect(stack.services.edge.ports).toEqual([{ target: 8765, published: 8765, protocol: 'tcp', mode: 'ingress' }]);
    expect(stack.services.accountservice.ports).toBeUndefined();
    expect(stack.services.authserver.ports).toBeUndefined();
    expect(stack.services['quotes-service'].ports).toBeUndefined();
    expect(stack.services.vipservice.ports).toEqual([
      { target: 6868, published: 6868, protocol: 'tcp', mode: 'ingress' },
    ]);
    expect(stack.services.breakerstream.ports).toEqual([
      { target: 7979, published: 7979, protocol: 'tcp', mode: 'ingress' },
    ]);
    expect(stack.services.imageservice.ports).toBeUndefined();
    expect(stack.services.configserver.ports).toBeUndefined();
    expect(stack.services.rabbitmq.ports).toBeUndefined();
  });

  it('sends every service of ours to logtail with the gelf log driver, through the udp port published on each node', () => {
    expect(stack.services.logtail.ports).toEqual([
      { target: 12202, published: 12202, protocol: 'udp', mode: 'ingress' },
      { target: 12203, published: 12203, protocol: 'tcp', mode: 'ingress' },
    ]);
    for (const spec of configClients) {
      const { logging } = stack.services[spec.name] as StackService & {
        logging?: { driver: string; options: Record<string, string> };
      };
      expect({ name: spec.name, ...logging }).toEqual({
        name: spec.name,
        driver: 'gelf',
        options: expect.objectContaining({ 'gelf-address': 'udp://127.0.0.1:12202', 'gelf-compression-type': 'none' }),
      });
    }
  });

  it('puts every service on one overlay network behind a VIP', () => {
    expect(Object.values(stack.networks).map((n) => n.driver)).toEqual(['overlay']);
    const [network] = Object.keys(stack.networks);
    for (const [, service] of services) {
      const names = Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {});
      expect(names).toEqual([network]);
      expect(service.deploy.endpoint_mode ?? 'vip').toBe('vip');
    }
  });

  it('[update-policy] rolls updates out one task at a time, new before old, and rolls back on failure', () => {
    // Not the broker, Prometheus or Grafana: one copy each, where a second beside the first makes no sense.
    for (const [name, service] of services.filter(([name]) => !SINGLE_COPY.includes(name))) {
      expect({ name, ...service.deploy.update_config }).toMatchObject({
        name,
        parallelism: 1,
        order: 'start-first',
        failure_action: 'rollback',
      });
    }
  });

  it.each(ourServices)('%s restarts on its own, is resource-limited and stops gracefully', (_name, service) => {
    expect(service.init).toBe(true);
    expect(service.deploy.restart_policy?.condition).toBe('any');
    expect(service.deploy.resources?.limits?.memory).toBeDefined();
    expect(service.deploy.resources?.limits?.cpus).toBeDefined();
    // The drain (SHUTDOWN_DRAIN_MS) plus the 10 s in-flight grace (server.ts) must fit before SIGKILL.
    expect(seconds(service.stop_grace_period)).toBeGreaterThanOrEqual(
      10 + Number(service.environment?.SHUTDOWN_DRAIN_MS ?? 0) / 1000,
    );
    expect(service.image).toMatch(new RegExp(`^lean-and-mean/${_name}:ch09$`));
  });

  it('runs the real Spring Cloud Config Server with its native profile on the port of landscape.yml', () => {
    const server = stack.services.configserver;
    expect(server.image).toMatch(/^hyness\/spring-cloud-config-server:4\.\d+\.\d+/);
    const port = manifest.services.find((s) => s.name === SPRING_CONFIG_SERVER)?.port;
    expect(server.environment).toMatchObject({
      SERVER_PORT: String(port),
      SPRING_PROFILES_ACTIVE: 'native,cloud-bus-rabbit',
      SPRING_RABBITMQ_HOST: 'rabbitmq',
      SPRING_CLOUD_CONFIG_SERVER_NATIVE_SEARCH_LOCATIONS: 'file:/config-repo',
    });
    expect(server.deploy.restart_policy?.condition).toBe('any');
    expect(server.deploy.resources?.limits?.memory).toBeDefined();
  });

  it('hands the configserver every file of config-repo/ as a Docker config, under /config-repo', () => {
    const repoFiles = fs.readdirSync(CONFIG_REPO).filter((f) => /\.ya?ml$/.test(f));
    const mounted = stack.services.configserver.configs ?? [];
    expect(mounted.map((c) => c.target).sort()).toEqual(repoFiles.map((f) => `/config-repo/${f}`).sort());
    for (const { source, target } of mounted) {
      // `docker stack config` resolves each file to an absolute path; the raw YAML keeps it relative.
      expect(path.resolve(chapterDir, stack.configs?.[source]?.file ?? '')).toBe(
        path.join(CONFIG_REPO, path.basename(target)),
      );
    }
  });

  it('gives the broker password only as a Docker secret, created outside git, to every service that connects', () => {
    expect(stack.secrets).toMatchObject({
      amqp_password: expect.objectContaining({ external: true }),
      rabbitmq_credentials: expect.objectContaining({ external: true }),
    });
    for (const [name, service] of ourServices) {
      // logtail and imageservice never connect to the broker: they get no secret at all; authserver
      // and edge get only their own (chapter 08).
      expect({ name, secrets: service.secrets }).toEqual({
        name,
        secrets: NO_BROKER.includes(name)
          ? SECURITY_SECRETS[name]?.map((source) => expect.objectContaining({ source }))
          : [expect.objectContaining({ source: 'amqp_password' })],
      });
      expect(JSON.stringify(service.environment)).not.toMatch(/PASSWORD/i);
    }
    // Spring Boot reads /run/secrets/spring.rabbitmq.password as the property of that name (configtree).
    expect(stack.services.configserver.secrets).toEqual([
      expect.objectContaining({ source: 'amqp_password', target: 'spring.rabbitmq.password' }),
    ]);
    expect(stack.services.configserver.environment?.SPRING_CONFIG_IMPORT).toBe('configtree:/run/secrets/');
    expect(stack.services.rabbitmq.secrets).toEqual([
      expect.objectContaining({ source: 'rabbitmq_credentials', target: '/etc/rabbitmq/conf.d/20-credentials.conf' }),
    ]);
  });

  it('gives authserver and edge their keys as Docker secrets from files made outside git', () => {
    const declared = Object.values(SECURITY_SECRETS).flat();
    for (const name of declared) {
      const secret = stack.secrets?.[name] as { file?: string } | undefined;
      expect({ name, file: secret?.file && path.relative(chapterDir, path.resolve(chapterDir, secret.file)) }).toEqual({
        name,
        file: path.join('secrets', name),
      });
    }
    const ignored = fs.readFileSync(path.join(chapterDir, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain('secrets/');
    expect(stack.services.authserver.environment).toMatchObject({ ISSUER: 'http://authserver:9999' });
    expect(stack.services.edge.environment).toMatchObject({
      AUTHSERVER_URL: 'http://authserver:9999',
      SERVICE_URL_ACCOUNTSERVICE: 'http://accountservice:6767',
    });
  });

  it('keeps secrets out of config-repo/: no key there looks like a password, token or secret', () => {
    for (const file of fs.readdirSync(CONFIG_REPO)) {
      const text = fs.readFileSync(path.join(CONFIG_REPO, file), 'utf8');
      expect({ file, secrets: text.match(/^\s*[\w-]*(password|secret|token)[\w-]*\s*:/gim) }).toEqual({
        file,
        secrets: null,
      });
    }
  });

  it('runs the real Zipkin on the port of landscape.yml, published, its spans in bounded memory', () => {
    const zipkin = stack.services[ZIPKIN];
    expect(zipkin.image).toMatch(/^openzipkin\/zipkin:\d/);
    const port = manifest.services.find((s) => s.name === ZIPKIN)?.port;
    expect(zipkin.ports).toEqual([{ target: port, published: port, protocol: 'tcp', mode: 'ingress' }]);
    expect(zipkin.environment).toEqual({ STORAGE_TYPE: 'mem', MEM_MAX_SPANS: expect.stringMatching(/^\d+$/) });
    expect(zipkin.healthcheck?.test).toEqual(['CMD', 'wget', '-qO-', `http://127.0.0.1:${port}/health`]);
    expect(zipkin.deploy.resources?.limits?.memory).toBeDefined();
  });

  it.each(traced.map((s) => [s.name] as const))(
    '%s loads tracing before its code and sends its spans to Zipkin by service name, the address config-repo gives',
    (name) => {
      const service = stack.services[name];
      expect(service.command).toEqual(['node', '--require', './register.js', 'main.js']);
      const tracing = YAML.parse(fs.readFileSync(path.join(CONFIG_REPO, 'application.yml'), 'utf8')).tracing;
      expect(service.environment).toMatchObject({ OTEL_SERVICE_NAME: name, [TRACING_ADDRESS]: tracing['zipkin-url'] });
      expect(tracing['zipkin-url']).toBe('http://zipkin:9411/api/v2/spans');
    },
  );

  it("links logtail's lines to their trace on the port Zipkin publishes", () => {
    expect(stack.services[LOG_TAIL].environment?.TRACE_UI_URL).toBe('http://127.0.0.1:9411/zipkin/');
  });

  it('runs accountservice replicated, so a rolling update always has one replica serving', () => {
    expect(stack.services.accountservice.deploy.replicas).toBeGreaterThanOrEqual(2);
  });
});
