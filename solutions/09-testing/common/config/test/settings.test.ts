import { ConfigError, clientSettingsFromEnv } from '..';

describe('clientSettingsFromEnv', () => {
  it('defaults to the local configserver, the dev profile, no label, /run/secrets and 30 s of patience', () => {
    expect(clientSettingsFromEnv({})).toEqual({
      serverUrl: 'http://127.0.0.1:8888',
      profile: 'dev',
      label: undefined,
      secretsDir: '/run/secrets',
      maxWaitMs: 30_000,
    });
  });

  it('reads CONFIG_SERVER_URL, PROFILE (several, comma-separated), CONFIG_LABEL, SECRETS_DIR, CONFIG_WAIT_MS', () => {
    expect(
      clientSettingsFromEnv({
        CONFIG_SERVER_URL: 'http://configserver:8888',
        PROFILE: 'prod,swarm',
        CONFIG_LABEL: 'main',
        SECRETS_DIR: '/tmp/secrets',
        CONFIG_WAIT_MS: '5000',
      }),
    ).toEqual({
      serverUrl: 'http://configserver:8888',
      profile: 'prod,swarm',
      label: 'main',
      secretsDir: '/tmp/secrets',
      maxWaitMs: 5000,
    });
  });

  it('refuses bad values, naming each variable and its value', () => {
    const attempt = () =>
      clientSettingsFromEnv({ CONFIG_SERVER_URL: 'configserver:8888', PROFILE: 'dev,../x', CONFIG_WAIT_MS: 'soon' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /CONFIG_SERVER_URL="configserver:8888"[\s\S]*PROFILE="dev,\.\.\/x"[\s\S]*CONFIG_WAIT_MS="soon"/,
    );
  });
});
