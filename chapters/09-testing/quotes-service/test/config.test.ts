import { ConfigError } from '../../common/config';
import { loadServiceConfig } from '../src/config';
import { instanceAddress } from '../../common/http';
import { startLocalConfigServer } from '../../test/local-configserver';

describe('quotes-service configuration from the config server', () => {
  let server: Awaited<ReturnType<typeof startLocalConfigServer>>;
  beforeAll(async () => {
    server = await startLocalConfigServer();
  });
  afterAll(() => server.stop());
  const env = (extra: NodeJS.ProcessEnv = {}) => ({ CONFIG_SERVER_URL: server.url, CONFIG_WAIT_MS: '0', ...extra });

  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

  it('takes port 8080 and language en from config-repo', async () => {
    const config = await loadServiceConfig(env());
    expect(config.current).toEqual({
      server: { port: 8080, host: '0.0.0.0' },
      quotes: { language: 'en' },
      amqp: { url: 'amqp://127.0.0.1:5672' },
      chaos: { enabled: true },
      discovery: { exchange: 'discovery' },
      spring: { cloud: { bus: { destination: 'springCloudBus' } } },
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
  });

  it('reads PORT and INSTANCE from the environment', async () => {
    const config = await loadServiceConfig(env({ PORT: '9090', INSTANCE: '2' }));
    expect(config.current).toMatchObject({ server: { port: 9090 }, instance: '2' });
  });

  it('[schema-errors] refuses a bad language in the repository, naming the key', async () => {
    server.repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: English\n');
    await expect(loadServiceConfig(env())).rejects.toThrow(ConfigError);
    await expect(loadServiceConfig(env())).rejects.toThrow(/quotes\.language/);
  });

  it('[schema-errors] refuses a bad PORT and INSTANCE, naming both', async () => {
    await expect(loadServiceConfig(env({ PORT: 'x', INSTANCE: 'no spaces please' }))).rejects.toThrow(
      /server\.port[\s\S]*instance/,
    );
  });
});

describe('instanceAddress', () => {
  it('is an address, with the instance name appended when there is one', () => {
    const plain = instanceAddress();
    expect(plain).not.toBe('');
    expect(instanceAddress('3')).toBe(`${plain}#3`);
  });
});
