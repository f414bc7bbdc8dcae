import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('defaults to port 6767, an in-memory database and the dev profile', () => {
    expect(loadConfig({})).toEqual({ port: 6767, dbPath: ':memory:', profile: 'dev' });
  });

  it('reads PORT, DB_PATH and PROFILE from the environment', () => {
    expect(loadConfig({ PORT: '7000', DB_PATH: '/tmp/a.db', PROFILE: 'prod' })).toEqual({
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
});
