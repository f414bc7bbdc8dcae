import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('defaults to port 6767, an in-memory database and the dev profile', () => {
    expect(loadConfig({})).toMatchObject({ port: 6767, dbPath: ':memory:', profile: 'dev' });
  });

  it('reads PORT, DB_PATH and PROFILE from the environment', () => {
    expect(loadConfig({ PORT: '7000', DB_PATH: '/tmp/a.db', PROFILE: 'prod' })).toMatchObject({
      port: 7000,
      dbPath: '/tmp/a.db',
      profile: 'prod',
    });
  });

  it('refuses a bad PORT and a bad PROFILE, naming both keys and values', () => {
    const attempt = () => loadConfig({ PORT: 'http', PROFILE: 'production' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="http"[\s\S]*PROFILE="production"/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
  });

  it('has no quotes service, a 1 s quote timeout, strength 4 and no instance name by default', () => {
    expect(loadConfig({})).toMatchObject({
      quotesServiceUrl: undefined,
      quotesTimeoutMs: 1000,
      quotesStrength: 4,
      instance: undefined,
    });
  });

  it('reads QUOTES_SERVICE_URL, QUOTES_TIMEOUT_MS and INSTANCE', () => {
    expect(
      loadConfig({ QUOTES_SERVICE_URL: 'http://quotes-service:8080', QUOTES_TIMEOUT_MS: '250', INSTANCE: '2' }),
    ).toMatchObject({ quotesServiceUrl: 'http://quotes-service:8080', quotesTimeoutMs: 250, instance: '2' });
  });

  it.each([
    ['QUOTES_SERVICE_URL', 'quotes-service:8080'],
    ['QUOTES_SERVICE_URL', 'ftp://quotes-service'],
    ['QUOTES_SERVICE_URL', 'https://quotes-service:8443'],
    ['QUOTES_TIMEOUT_MS', '0'],
    ['QUOTES_TIMEOUT_MS', 'soon'],
    ['QUOTES_STRENGTH', '11'],
    ['INSTANCE', 'a b'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}=${JSON.stringify(value)}`));
  });
});
