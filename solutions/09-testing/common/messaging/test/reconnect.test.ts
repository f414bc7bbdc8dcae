import { eventually, testTopology, uniqueName } from './helpers/broker';
import { brokerFixtures, notification, recordingConsumer, vipPublisher } from './helpers/fixtures';
import { proxyPerTest } from './helpers/tcp-proxy';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());
const theProxy = proxyPerTest();

const waits = (lines: string[]) =>
  lines.flatMap((line) => /reconnecting in (\d+) ms/.exec(line)?.[1] ?? []).map(Number);

describe('the reconnect loop', () => {
  it('keeps trying while the broker is unreachable, each wait longer up to the bound, then connects', async () => {
    const proxy = theProxy();
    proxy.setAvailable(false);
    const { connection, logger } = fixtures.connect(uniqueName('patient'), proxy.url); // backoff 50 ms ×2 up to 400 ms

    await eventually(() => waits(logger.lines).length >= 6, '6 attempts failed and were retried');
    expect(connection.connected).toBe(false);
    expect(connection.status).toMatchObject({ state: expect.stringMatching(/waiting|connecting/) });
    expect(waits(logger.lines).slice(0, 6)).toEqual([50, 100, 200, 400, 400, 400]);
    expect(logger.has(/attempt 3: connecting to amqp:\/\/guest:\*\*\*@127\.0\.0\.1:\d+\?heartbeat=10 failed/)).toBe(
      true,
    );

    proxy.setAvailable(true);
    await connection.waitForConnected(5000);
    expect(connection.status).toMatchObject({ state: 'connected', failedAttempts: 0, connections: 1 });
  });

  it('close() ends the loop, even in the middle of a long wait', async () => {
    const proxy = theProxy();
    proxy.setAvailable(false);
    const { connection, logger } = fixtures.connect(uniqueName('closing'), proxy.url, {
      initialMs: 60_000,
      maxMs: 60_000,
    });
    await eventually(() => waits(logger.lines).includes(60_000), 'a 60 s wait has begun');

    const started = Date.now();
    await connection.close();
    expect(Date.now() - started).toBeLessThan(2000); // not the 60 s
    expect(connection.status.state).toBe('closed');
    const attempts = proxy.accepted;
    proxy.setAvailable(true);
    await expect(connection.waitForConnected(600)).rejects.toThrow(/not connected after 600 ms \(closed/);
    expect(proxy.accepted).toBe(attempts);
  });

  it('[idempotent-once] reconnects after the connection is cut, and its consumer carries on', async () => {
    const proxy = theProxy();
    const topology = fixtures.track(testTopology('resume'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(producer, topology);
    const { connection, logger } = fixtures.connect(uniqueName('consumer'), proxy.url);
    const { handled } = recordingConsumer(connection, topology);
    await connection.waitForConnected(5000);

    await publisher.publish(topology.routingKey, notification(10000));
    await eventually(() => handled.length === 1, 'first message handled');

    proxy.cutAll();
    await eventually(() => connection.status.connections === 2, 'connected again');
    expect(logger.has(/connection lost/)).toBe(true);
    await publisher.publish(topology.routingKey, notification(10001));
    await eventually(() => handled.length === 2, 'the message after the cut handled too');
    expect(handled.map((h) => h.accountId)).toEqual(['10000', '10001']);
  });
});
