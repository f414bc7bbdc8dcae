import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../common/config';
import { brokerUrl } from '../../common/messaging';
import { loadServiceConfig } from '../src/config';
import { startLocalConfigServer } from '../../test/local-configserver';

describe('accountservice configuration from the config server', () => {
  let server: Awaited<ReturnType<typeof startLocalConfigServer>>;
  beforeAll(async () => {
    server = await startLocalConfigServer();
  });
  afterAll(() => server.stop());
  const env = (extra: NodeJS.ProcessEnv = {}) => ({ CONFIG_SERVER_URL: server.url, CONFIG_WAIT_MS: '0', ...extra });
  const quiet = () => jest.spyOn(console, 'log').mockImplementation(() => undefined);

  it('[precedence-merge] takes the dev profile from config-repo: local quotes-service and imageservice, testability on', async () => {
    quiet();
    const config = await loadServiceConfig(env({ PROFILE: 'dev' }));
    expect(config.current).toMatchObject({
      server: { port: 6767, host: '0.0.0.0' },
      db: { path: ':memory:' },
      accounts: { testability: true, vipIds: ['10000'] },
      quotes: { serviceUrl: 'http://127.0.0.1:8080', strength: 4 },
      image: { url: 'http://127.0.0.1:7777' },
    });
  });

  it('lets environment variables override the repository (PORT, QUOTES_SERVICE_URL, BREAKERS_QUOTES_SERVICE_TIMEOUT_MS)', async () => {
    quiet();
    const config = await loadServiceConfig(
      env({
        PROFILE: 'prod',
        AMQP_PASSWORD: 'x',
        PORT: '7000',
        QUOTES_SERVICE_URL: 'http://127.0.0.1:9',
        BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: '50',
      }),
    );
    expect(config.current).toMatchObject({
      server: { port: 7000 },
      accounts: { testability: false },
      quotes: { serviceUrl: 'http://127.0.0.1:9' },
      breakers: { quotesService: { timeoutMs: 50 } },
    });
  });

  it('[schema-errors] refuses a bad value, naming the key and where it came from', async () => {
    quiet();
    const attempt = loadServiceConfig(env({ BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: 'soon' }));
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(loadServiceConfig(env({ BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: 'soon' }))).rejects.toThrow(
      /breakers\.quotes-service\.timeout-ms = "soon" \(from env BREAKERS_QUOTES_SERVICE_TIMEOUT_MS\)/,
    );
  });

  it('takes the broker and the VIP names from config-repo: local RabbitMQ for dev, by service name otherwise', async () => {
    quiet();
    const dev = await loadServiceConfig(env({ PROFILE: 'dev' }));
    expect(dev.current.amqp).toEqual({ url: 'amqp://127.0.0.1:5672' });
    expect(dev.current.vip).toEqual({ exchange: 'vip.events', routingKey: 'vip.account.read', queue: 'vip_queue' });
    expect(dev.current.spring.cloud.bus.destination).toBe('springCloudBus');
    const test = await loadServiceConfig(env({ PROFILE: 'test', AMQP_PASSWORD: 's3cret' }));
    expect(brokerUrl(test.current.amqp)).toBe('amqp://lean:s3cret@rabbitmq:5672');
  });

  it('reads the broker password from the Docker secret file, and never prints it', async () => {
    const logs = quiet();
    const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
    try {
      fs.writeFileSync(path.join(secrets, 'amqp_password'), 'from-a-file\n');
      const config = await loadServiceConfig(env({ PROFILE: 'test', SECRETS_DIR: secrets }));
      expect(brokerUrl(config.current.amqp)).toBe('amqp://lean:from-a-file@rabbitmq:5672');
      expect(JSON.stringify(logs.mock.calls)).not.toContain('from-a-file');
    } finally {
      fs.rmSync(secrets, { recursive: true, force: true });
    }
  });

  it('refuses a broker URL with a user but no password, saying how to provide the secret', async () => {
    quiet();
    await expect(loadServiceConfig(env({ PROFILE: 'test', SECRETS_DIR: '/nonexistent' }))).rejects.toThrow(
      /amqp\.password is missing \(provide the Docker secret amqp_password or env AMQP_PASSWORD\): the broker URL names a user/,
    );
  });
});
