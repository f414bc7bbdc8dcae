import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../common/config';
import { brokerUrl } from '../../common/messaging';
import { loadServiceConfig, topologyOf } from '../src/config';
import { startLocalConfigServer } from '../../test/local-configserver';

type LocalConfigServer = Awaited<ReturnType<typeof startLocalConfigServer>>;

describe('vipservice configuration from the config server', () => {
  let server: LocalConfigServer;
  beforeAll(async () => {
    server = await startLocalConfigServer();
  });
  afterAll(() => server.stop());
  const env = (extra: NodeJS.ProcessEnv = {}) => ({ CONFIG_SERVER_URL: server.url, CONFIG_WAIT_MS: '0', ...extra });
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('takes the dev profile from config-repo: port 6868, the local broker, the shared VIP names', async () => {
    const config = await loadServiceConfig(env({ PROFILE: 'dev' }));
    expect(config.current).toEqual({
      server: { port: 6868, host: '0.0.0.0' },
      amqp: { url: 'amqp://127.0.0.1:5672' },
      vip: {
        exchange: 'vip.events',
        routingKey: 'vip.account.read',
        queue: 'vip_queue',
        recentLimit: 50,
        prefetch: 10,
      },
      spring: { cloud: { bus: { destination: 'springCloudBus' } } },
      discovery: { exchange: 'discovery' },
      shutdown: { drainMs: 0 },
      instance: undefined,
      logging: { level: { root: 'info' } },
      // Chapter 06: application.yml's tracing keys.
      tracing: {
        exporter: 'zipkin',
        zipkinUrl: 'http://zipkin:9411/api/v2/spans',
        otlpUrl: 'http://otel-collector:4318/v1/traces',
        samplingRatio: 1,
      },
    });
    expect(config.sources.map((source) => path.basename(source))).toEqual([
      'application-dev.yml',
      'vipservice.yml',
      'application.yml',
    ]);
    expect(topologyOf(config.current.vip)).toMatchObject({
      exchange: 'vip.events',
      queue: 'vip_queue',
      deadLetterExchange: 'vip.events.dlx',
      deadLetterQueue: 'vip_queue.dlq',
    });
  });

  it('lets the environment override every key, by its own name or PORT and HOST (an empty variable counts as unset)', async () => {
    const config = await loadServiceConfig(
      env({
        PROFILE: 'dev',
        PORT: '0',
        HOST: '127.0.0.1',
        AMQP_URL: 'amqp://rabbit:5672/vh',
        VIP_EXCHANGE: 'x',
        VIP_QUEUE: 'q',
        VIP_ROUTING_KEY: 'k',
        VIP_RECENT_LIMIT: '5',
        VIP_PREFETCH: '',
        INSTANCE: '2',
        SHUTDOWN_DRAIN_MS: '6000',
        SPRING_CLOUD_BUS_DESTINATION: 'test-bus',
        DISCOVERY_EXCHANGE: 'test-discovery',
      }),
    );
    expect(config.current).toEqual({
      server: { port: 0, host: '127.0.0.1' },
      amqp: { url: 'amqp://rabbit:5672/vh' },
      vip: { exchange: 'x', routingKey: 'k', queue: 'q', recentLimit: 5, prefetch: 10 },
      spring: { cloud: { bus: { destination: 'test-bus' } } },
      discovery: { exchange: 'test-discovery' },
      shutdown: { drainMs: 6000 },
      instance: '2',
      logging: { level: { root: 'info' } },
      // Chapter 06: application.yml's tracing keys.
      tracing: {
        exporter: 'zipkin',
        zipkinUrl: 'http://zipkin:9411/api/v2/spans',
        otlpUrl: 'http://otel-collector:4318/v1/traces',
        samplingRatio: 1,
      },
    });
    expect(topologyOf(config.current.vip)).toMatchObject({ deadLetterExchange: 'x.dlx', deadLetterQueue: 'q.dlq' });
  });

  it('takes the broker password from a Docker secret file, and never logs it', async () => {
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'vipservice-secrets-'));
    try {
      fs.writeFileSync(path.join(secrets, 'amqp_password'), 's3cret-pw\n');
      // The prod profile has no application-prod.yml: amqp.url is application.yml's Swarm one.
      const config = await loadServiceConfig(env({ PROFILE: 'prod', SECRETS_DIR: secrets }));
      expect(config.current.amqp).toEqual({ url: 'amqp://lean@rabbitmq:5672', password: 's3cret-pw' });
      expect(brokerUrl(config.current.amqp)).toBe('amqp://lean:s3cret-pw@rabbitmq:5672');
      expect(JSON.stringify(logged.mock.calls)).not.toContain('s3cret');
    } finally {
      fs.rmSync(secrets, { recursive: true, force: true });
    }
  });

  it('refuses a broker URL naming a user when no password is given', async () => {
    const attempt = () => loadServiceConfig(env({ PROFILE: 'prod', SECRETS_DIR: os.tmpdir() }));
    await expect(attempt()).rejects.toThrow(ConfigError);
    await expect(attempt()).rejects.toThrow(/amqp\.password is missing \(.*env AMQP_PASSWORD\)/);
  });

  it('refuses a bad value, naming the key and where it came from', async () => {
    const attempt = () => loadServiceConfig(env({ VIP_PREFETCH: 'lots', VIP_RECENT_LIMIT: '0' }));
    await expect(attempt()).rejects.toThrow(ConfigError);
    await expect(attempt()).rejects.toThrow(/vip\.recent-limit = "0" \(from env VIP_RECENT_LIMIT\)/);
    await expect(attempt()).rejects.toThrow(/vip\.prefetch = "lots" \(from env VIP_PREFETCH\)/);
  });

  it('applies vip.recent-limit on a refresh; vip.prefetch waits for a restart', async () => {
    const config = await loadServiceConfig(env());
    const original = fs.readFileSync(path.join(server.repo.dir, 'vipservice.yml'), 'utf8');
    server.repo.write('vipservice.yml', 'server:\n  port: 6868\nvip:\n  recent-limit: 3\n  prefetch: 20\n');
    try {
      await expect(config.refresh()).resolves.toEqual({
        changed: ['vip.recent-limit'],
        needsRestart: ['vip.prefetch'],
      });
      expect(config.current.vip).toMatchObject({ recentLimit: 3, prefetch: 10 });
    } finally {
      server.repo.write('vipservice.yml', original);
    }
  });
});

describe('vipservice and a secret in plain text', () => {
  let server: LocalConfigServer;
  beforeAll(async () => {
    server = await startLocalConfigServer();
  });
  afterAll(() => server.stop());

  it('refuses to start when the config server serves amqp.password, without showing it', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const shared = path.join(server.repo.dir, 'application.yml');
    fs.writeFileSync(shared, fs.readFileSync(shared, 'utf8').replace(/^amqp:\n/m, 'amqp:\n  password: leaked-pw\n'));
    const attempt = () => loadServiceConfig({ CONFIG_SERVER_URL: server.url, CONFIG_WAIT_MS: '0', PROFILE: 'prod' });
    await expect(attempt()).rejects.toThrow(ConfigError);
    await expect(attempt()).rejects.toThrow(
      /amqp\.password is a secret, but the config server serves it in plain text/,
    );
    await expect(attempt()).rejects.not.toThrow(/leaked-pw/);
  });
});
