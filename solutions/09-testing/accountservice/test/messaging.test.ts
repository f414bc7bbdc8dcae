import request from 'supertest';
import type { LiveConfig } from '../../common/config';
import { buildApp } from '../src/app';
import type { AccountConfig } from '../src/config';
import { startMessaging } from '../src/messaging';
import { FakeStore } from './fake-store';

// The account read never waits for, nor fails because of, the broker: here nothing answers at all.
const NO_BROKER = 'amqp://127.0.0.1:1';

function configWith(amqpUrl: string): LiveConfig<AccountConfig> {
  const current = {
    accounts: { testability: false, vipIds: ['10000'] },
    amqp: { url: amqpUrl },
    vip: { exchange: 'test-unreachable.x', routingKey: 'vip.account.read', queue: 'test-unreachable.q' },
    spring: { cloud: { bus: { destination: 'test-unreachable.bus' } } },
  } as AccountConfig;
  return { current, sources: [], refresh: async () => ({ changed: [], needsRestart: [] }), onChange: () => () => true };
}

describe('accountservice while the broker is away', () => {
  it('[settle-confirm] serves a VIP account at once, and on shutdown reports the notification it could not send', async () => {
    const logs: string[] = [];
    for (const method of ['log', 'warn', 'error'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
    }
    const messaging = startMessaging(configWith(NO_BROKER), { servedBy: 'test' });
    const app = buildApp({ store: new FakeStore(), servedBy: 'test', testability: false, vip: messaging.vip });

    const res = await request(app).get('/accounts/10000');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: '10000' });
    // "At once": the answer came while the notification still waits for the broker (no clock involved).
    expect(messaging.vip.stats).toMatchObject({ buffered: 1, confirmed: 0 });

    await messaging.close();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the refusal is logged as it settles
    expect(messaging.vip.stats).toMatchObject({ buffered: 0, refused: 1 });
    expect(logs.join('\n')).toMatch(/notification for account 10000 NOT sent/);
  });
});
