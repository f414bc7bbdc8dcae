import request from 'supertest';
import { AMQP_URL, eventually, testTopology, uniqueName } from '../../common/messaging/test/helpers/broker';
import { brokerFixtures } from '../../common/messaging/test/helpers/fixtures';
import { startTcpProxy } from '../../common/messaging/test/helpers/tcp-proxy';
import { VipNotifier } from '../../accountservice/src/vip-notifier';
import type { RecentVip } from '../src/recent-vips';
import { accountservice, vipservice } from './helpers';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());

async function recentVips(app: Parameters<typeof request>[0]): Promise<RecentVip[]> {
  const response = await request(app).get('/vips/recent').expect(200);
  return response.body as RecentVip[];
}

describe('vipservice on the real broker', () => {
  it('shows a VIP account read by accountservice on GET /vips/recent', async () => {
    const topology = fixtures.track(testTopology('vip-read'));
    const vips = vipservice(fixtures.connect(uniqueName('vipservice')).connection, topology, 'vip-1');
    const { notifier } = accountservice(fixtures.connect(uniqueName('accountservice')).connection, topology, ['10000']);

    const before = new Date().toISOString();
    notifier.accountRead('10000');
    notifier.accountRead('10001'); // not a VIP: nothing is sent
    await eventually(async () => (await recentVips(vips.app)).length === 1, 'one VIP notification listed');

    const [shown] = await recentVips(vips.app);
    expect(shown).toEqual({
      accountId: '10000',
      readAt: expect.any(String),
      receivedAt: expect.any(String),
      servedBy: 'vip-1',
    });
    expect(shown.readAt >= before && shown.receivedAt >= shown.readAt).toBe(true);
    await eventually(() => notifier.stats.confirmed === 1, 'the publish confirmed');
    expect(notifier.stats).toMatchObject({ confirmed: 1, refused: 0 });
    await request(vips.app).get('/health').expect(200, { status: 'UP' });
  });

  it('gets every VIP read while it was down: N reads, vipservice starts, N listed', async () => {
    const N = 25;
    const topology = fixtures.track(testTopology('vip-backlog'));
    const vipIds = Array.from({ length: N }, (_, i) => String(10000 + i));
    const { notifier } = accountservice(fixtures.connect(uniqueName('accountservice')).connection, topology, vipIds);
    for (const id of vipIds) notifier.accountRead(id);
    await eventually(() => notifier.stats.confirmed === N, `${N} notifications confirmed by the broker`);

    const vips = vipservice(fixtures.connect(uniqueName('vipservice')).connection, topology);
    await eventually(async () => (await recentVips(vips.app)).length === N, `${N} listed`);
    expect(new Set((await recentVips(vips.app)).map((v) => v.accountId))).toEqual(new Set(vipIds));
    console.log(`vipservice backlog: ${N} VIP reads published and confirmed while it was down, ${N} received`);
  });

  it('shares the queue between two instances: competing consumers', async () => {
    const topology = fixtures.track(testTopology('vip-compete'));
    const one = vipservice(fixtures.connect(uniqueName('vipservice-1')).connection, topology, 'vip-1', 1);
    const two = vipservice(fixtures.connect(uniqueName('vipservice-2')).connection, topology, 'vip-2', 1);
    await eventually(() => one.consumer.consuming && two.consumer.consuming, 'both consuming');
    const ids = Array.from({ length: 20 }, (_, i) => String(10000 + i));
    const { notifier } = accountservice(fixtures.connect(uniqueName('accountservice')).connection, topology, ids);
    for (const id of ids) notifier.accountRead(id);

    await eventually(() => one.recent.list().length + two.recent.list().length === 20, 'all 20 handled once');
    const [a, b] = [one.recent.list().length, two.recent.list().length];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    console.log(`competing consumers: 20 published; vip-1 handled ${a}, vip-2 handled ${b}`);
  });

  it('reports DOWN on /health while the broker is unreachable, UP once it is back', async () => {
    const proxy = await startTcpProxy(AMQP_URL);
    try {
      proxy.setAvailable(false);
      const topology = fixtures.track(testTopology('vip-health'));
      const { app } = vipservice(fixtures.connect(uniqueName('vipservice'), proxy.url).connection, topology);

      await eventually(async () => (await request(app).get('/health')).body.reason?.includes('failed attempt'), 'DOWN');
      const down = await request(app).get('/health').expect(503);
      expect(down.body).toEqual({
        status: 'DOWN',
        reason: expect.stringMatching(
          /^Not connected to RabbitMQ at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:\d+\?heartbeat=10 \(/,
        ),
      });

      proxy.setAvailable(true);
      await eventually(async () => (await request(app).get('/health')).status === 200, 'UP again');
    } finally {
      await proxy.close();
    }
  });

  it('never fails or delays the account read, whatever the broker or the VIP list does', async () => {
    const proxy = await startTcpProxy(AMQP_URL);
    try {
      proxy.setAvailable(false);
      const topology = testTopology('vip-away');
      const { connection } = fixtures.connect(uniqueName('accountservice'), proxy.url);
      const { notifier, logger } = accountservice(connection, topology, ['10000']);
      expect(notifier.accountRead('10000')).toBeUndefined(); // returns at once: buffered
      expect(notifier.stats.buffered).toBe(1);

      const broken = new VipNotifier(connection, {
        topology,
        logger,
        isVip: () => {
          throw new Error('config not loaded');
        },
      });
      expect(() => broken.accountRead('10000')).not.toThrow();
      expect(logger.has(/vip: notification for account 10000 NOT sent: config not loaded/)).toBe(true);

      await connection.close(); // what is still buffered is reported, not dropped in silence
      await eventually(() => logger.has(/NOT sent: message .* not sent: the publisher closed first/), 'reported');
    } finally {
      await proxy.close();
    }
  });

  it('answers unknown routes and methods with JSON errors', async () => {
    const topology = fixtures.track(testTopology('vip-routes'));
    const { app } = vipservice(fixtures.connect(uniqueName('vipservice')).connection, topology);
    const missing = await request(app).get('/vips').expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const wrong = await request(app).post('/vips/recent').expect(405);
    expect(wrong.headers.allow).toBe('GET');
  });
});
