import { ConfigError, loadConfig } from '../src/config';

describe('vipservice config from the environment', () => {
  it('has defaults for a local run', () => {
    expect(loadConfig({})).toEqual({
      port: 6868,
      profile: 'dev',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      topology: expect.objectContaining({
        exchange: 'vip.events',
        queue: 'vip_queue',
        deadLetterQueue: 'vip_queue.dlq',
      }),
      recentLimit: 50,
      prefetch: 10,
      instance: undefined,
    });
  });

  it('takes the queue names, limits and broker from env (an empty variable counts as unset)', () => {
    const config = loadConfig({
      PORT: '0',
      AMQP_URL: 'amqp://u:p@rabbit:5672/vh',
      VIP_EXCHANGE: 'x',
      VIP_QUEUE: 'q',
      VIP_RECENT_LIMIT: '5',
      VIP_PREFETCH: '',
    });
    expect(config).toMatchObject({ port: 0, amqpUrl: 'amqp://u:p@rabbit:5672/vh', recentLimit: 5, prefetch: 10 });
    expect(config.topology).toMatchObject({
      exchange: 'x',
      queue: 'q',
      deadLetterExchange: 'x.dlx',
      deadLetterQueue: 'q.dlq',
    });
  });

  it('refuses to start naming every bad key, and never shows the broker URL (it holds a password)', () => {
    const attempt = () => loadConfig({ PORT: 'http', AMQP_URL: 'http://u:secret@x', VIP_PREFETCH: '0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="http"/);
    expect(attempt).toThrow(/AMQP_URL=<hidden>: an amqp:\/\/ or amqps:\/\/ URL/);
    expect(attempt).toThrow(/VIP_PREFETCH="0"/);
    expect(attempt).not.toThrow(/secret/);
  });
});
