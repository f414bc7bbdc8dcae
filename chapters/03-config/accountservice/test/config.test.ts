import { ConfigError } from '../../common/config';
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

  it('[precedence-merge] takes the dev profile from config-repo: local quotes-service, 2 s timeout, testability on', async () => {
    quiet();
    const config = await loadServiceConfig(env({ PROFILE: 'dev' }));
    expect(config.current).toMatchObject({
      server: { port: 6767, host: '0.0.0.0' },
      db: { path: ':memory:' },
      accounts: { testability: true, vipIds: ['10000'] },
      quotes: { serviceUrl: 'http://127.0.0.1:8080', timeoutMs: 2000, strength: 4 },
    });
  });

  it('lets environment variables override the repository (PORT, QUOTES_SERVICE_URL, QUOTES_TIMEOUT_MS)', async () => {
    quiet();
    const config = await loadServiceConfig(
      env({ PROFILE: 'prod', PORT: '7000', QUOTES_SERVICE_URL: 'http://127.0.0.1:9', QUOTES_TIMEOUT_MS: '50' }),
    );
    expect(config.current).toMatchObject({
      server: { port: 7000 },
      accounts: { testability: false },
      quotes: { serviceUrl: 'http://127.0.0.1:9', timeoutMs: 50 },
    });
  });

  it('[schema-errors] refuses a bad value, naming the key and where it came from', async () => {
    quiet();
    const attempt = loadServiceConfig(env({ QUOTES_TIMEOUT_MS: 'soon' }));
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(loadServiceConfig(env({ QUOTES_TIMEOUT_MS: 'soon' }))).rejects.toThrow(
      /quotes\.timeout-ms = "soon" \(from env QUOTES_TIMEOUT_MS\)/,
    );
  });

  it('[schema-errors] refuses an https:// quotes-service: the client balances plain http:// replicas', async () => {
    quiet();
    await expect(loadServiceConfig(env({ QUOTES_SERVICE_URL: 'https://quotes-service:8443' }))).rejects.toThrow(
      /quotes\.service-url = "https:\/\/quotes-service:8443".*expected an http:\/\/ URL/s,
    );
  });
});
