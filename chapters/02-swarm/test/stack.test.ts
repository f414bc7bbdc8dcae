import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { hasCommand, itWhenInstalled, readManifest, validate } from '@workshop/testkit';

// The Swarm stack file, checked offline: Docker's own parser validates it, then the fields that
// matter are asserted one by one, and the stack must agree with the chapter's landscape.yml.
const chapterDir = path.resolve(__dirname, '..');
const stackFile = path.join(chapterDir, 'stack.yml');
const manifest = readManifest(chapterDir);

const DOCKER = hasCommand('docker');
const withDocker = itWhenInstalled('docker');
const withCompose = itWhenInstalled('docker-compose');

interface StackService {
  image: string;
  init?: boolean;
  environment?: Record<string, string>;
  ports?: { target: number; published: number; protocol?: string; mode?: string }[];
  networks?: Record<string, unknown> | string[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period?: string };
  stop_grace_period?: string;
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
}

/** The stack as Swarm reads it (normalised by `docker stack config`), or as YAML without Docker. */
const stack: Stack = YAML.parse(
  DOCKER ? validate('docker stack', stackFile).output : fs.readFileSync(stackFile, 'utf8'),
);
const services = Object.entries(stack.services);

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

  it('runs the services of landscape.yml, no more, no fewer', () => {
    expect(Object.keys(stack.services).sort()).toEqual(manifest.services.map((s) => s.name).sort());
  });

  it.each(manifest.services.map((s) => [s.name, s] as const))(
    '%s listens on the port of landscape.yml and is health-checked on its health path',
    (name, spec) => {
      const service = stack.services[name];
      expect(service.environment?.PORT).toBe(String(spec.port));
      expect(service.healthcheck?.test).toEqual([
        'CMD',
        'node',
        'healthcheck.js',
        `http://127.0.0.1:${spec.port}${spec.health}`,
      ]);
      expect(seconds(service.healthcheck?.interval)).toBeLessThanOrEqual(5);
      expect(seconds(service.healthcheck?.timeout)).toBeLessThan(seconds(service.healthcheck?.interval));
      expect(service.healthcheck?.retries).toBeGreaterThanOrEqual(2);
    },
  );

  it('reaches other services by their Swarm service name, on the ports landscape.yml gives them', () => {
    for (const spec of manifest.services) {
      for (const [key, value] of Object.entries(spec.env)) {
        // Local mode's http://127.0.0.1:{{port:NAME}} is http://NAME:<port> inside the swarm.
        const expected = value.replace(/127\.0\.0\.1:\{\{port:([a-z0-9-]+)\}\}/g, (_, other: string) => {
          const target = manifest.services.find((s) => s.name === other);
          return `${other}:${target?.port}`;
        });
        // A name in Swarm: the service's own (its VIP) or tasks.<service> (every replica's address).
        if (expected !== value)
          expect([expected, expected.replace('://', '://tasks.')]).toContain(
            stack.services[spec.name].environment?.[key],
          );
      }
    }
    expect(stack.services.accountservice.environment?.QUOTES_SERVICE_URL).toBe('http://tasks.quotes-service:8080');
  });

  it('publishes accountservice through the routing mesh on its own port; quotes-service stays internal', () => {
    expect(stack.services.accountservice.ports).toEqual([
      { target: 6767, published: 6767, protocol: 'tcp', mode: 'ingress' },
    ]);
    expect(stack.services['quotes-service'].ports).toBeUndefined();
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
    for (const [name, service] of services) {
      expect({ name, ...service.deploy.update_config }).toMatchObject({
        name,
        parallelism: 1,
        order: 'start-first',
        failure_action: 'rollback',
      });
    }
  });

  it.each(services)('%s restarts on its own, is resource-limited and stops gracefully', (_name, service) => {
    expect(service.init).toBe(true);
    expect(service.deploy.restart_policy?.condition).toBe('any');
    expect(service.deploy.resources?.limits?.memory).toBeDefined();
    expect(service.deploy.resources?.limits?.cpus).toBeDefined();
    // The drain (SHUTDOWN_DRAIN_MS) plus the 10 s in-flight grace (server.ts) must fit before SIGKILL.
    expect(seconds(service.stop_grace_period)).toBeGreaterThanOrEqual(
      10 + Number(service.environment?.SHUTDOWN_DRAIN_MS ?? 0) / 1000,
    );
    expect(service.image).toMatch(new RegExp(`^lean-and-mean/${_name}:ch02$`));
  });

  it('runs accountservice replicated, so a rolling update always has one replica serving', () => {
    expect(stack.services.accountservice.deploy.replicas).toBeGreaterThanOrEqual(2);
  });
});
