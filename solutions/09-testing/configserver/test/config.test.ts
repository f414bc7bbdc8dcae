import path from 'node:path';
import { ConfigError, DEFAULT_REPO_DIR, loadConfig } from '../src/config';
import { FIXTURE_REPO } from './repo-copy';

describe('loadConfig (the configserver’s own settings)', () => {
  it('defaults to port 8888 and the chapter’s config-repo/', () => {
    expect(loadConfig({})).toEqual({
      host: '0.0.0.0',
      port: 8888,
      repoDir: DEFAULT_REPO_DIR,
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      busExchange: 'springCloudBus',
    });
  });

  it('reads PORT and CONFIG_REPO_DIR, resolving a relative folder from the working directory', () => {
    const relative = path.relative(process.cwd(), FIXTURE_REPO);
    expect(loadConfig({ PORT: '9999', CONFIG_REPO_DIR: relative })).toMatchObject({
      port: 9999,
      repoDir: FIXTURE_REPO,
    });
  });

  it('binds HOST (127.0.0.1 in local mode) and refuses one that is not an IP address, naming it', () => {
    expect(loadConfig({ HOST: '127.0.0.1' })).toMatchObject({ host: '127.0.0.1' });
    expect(() => loadConfig({ HOST: 'my laptop' })).toThrow(/HOST="my laptop": an IP address to bind/);
  });

  it('refuses a bad PORT, naming it', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT="http"/);
  });

  it('reads the bus broker and exchange, and never prints the broker URL (it may hold a password)', () => {
    expect(loadConfig({ AMQP_URL: 'amqp://u:p@rabbit:5672', SPRING_CLOUD_BUS_DESTINATION: 'bus-x' })).toMatchObject({
      amqpUrl: 'amqp://u:p@rabbit:5672',
      busExchange: 'bus-x',
    });
    expect(() => loadConfig({ AMQP_URL: 'http://u:secret@rabbit' })).toThrow(/AMQP_URL=<hidden>: an amqp:\/\//);
    expect(() => loadConfig({ AMQP_URL: 'http://u:secret@rabbit' })).not.toThrow(/secret/);
  });

  it('refuses a CONFIG_REPO_DIR that is a file, naming it', () => {
    expect(() => loadConfig({ CONFIG_REPO_DIR: path.join(FIXTURE_REPO, 'foo.yml') })).toThrow(
      /CONFIG_REPO_DIR=.*foo\.yml.*no such folder/,
    );
  });
});
