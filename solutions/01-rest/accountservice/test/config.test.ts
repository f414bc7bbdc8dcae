import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('defaults to port 6767 on every interface, an in-memory database and the dev profile', () => {
    expect(loadConfig({})).toEqual({ host: '0.0.0.0', port: 6767, dbPath: ':memory:', profile: 'dev' });
  });

  it('reads HOST, PORT, DB_PATH and PROFILE from the environment', () => {
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '7000', DB_PATH: '/tmp/a.db', PROFILE: 'prod' })).toEqual({
      host: '127.0.0.1',
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

  it('refuses a HOST that is not an IP address, naming it', () => {
    expect(() => loadConfig({ HOST: 'my laptop' })).toThrow(/HOST="my laptop": an IP address to bind/);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
  });
});
