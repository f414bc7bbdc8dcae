import { BrokerUnavailableError, PublishBufferFullError, PublisherClosedError } from '../errors';
import { eventually, readyCount, testTopology, uniqueName } from './helpers/broker';
import { brokerFixtures, notification, recordingConsumer, vipPublisher } from './helpers/fixtures';
import { proxyPerTest } from './helpers/tcp-proxy';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());
const theProxy = proxyPerTest();

/** Tracks a publish's fate without awaiting it. */
function watch(promise: Promise<{ messageId: string }>) {
  const fate: { state: 'pending' | 'confirmed' | 'refused'; error?: Error } = { state: 'pending' };
  promise.then(
    () => (fate.state = 'confirmed'),
    (error: Error) => Object.assign(fate, { state: 'refused', error }),
  );
  return fate;
}

describe('publishing through a broker outage', () => {
  it('buffers publishes while the broker is away, then sends and confirms them after the reconnect', async () => {
    const proxy = theProxy();
    const N = 20;
    const topology = fixtures.track(testTopology('outage'));
    const { connection } = fixtures.connect(uniqueName('publisher'), proxy.url);
    const publisher = vipPublisher(connection, topology);
    await publisher.publish(topology.routingKey, notification(9999)); // declares the topology, proves the path

    proxy.setAvailable(false);
    proxy.cutAll();
    await eventually(() => !connection.connected, 'the publisher noticed the outage');
    const fates = Array.from({ length: N }, (_, i) => watch(publisher.publish(topology.routingKey, notification(i))));
    await eventually(() => publisher.stats.buffered === N, `${N} buffered`);
    expect(fates.every((f) => f.state === 'pending')).toBe(true);

    proxy.setAvailable(true);
    await eventually(() => fates.every((f) => f.state === 'confirmed'), 'all confirmed after the reconnect');
    expect(publisher.stats).toMatchObject({ confirmed: N + 1, buffered: 0, inFlight: 0, refused: 0 });
    expect(await readyCount(topology.queue)).toBe(N + 1);

    const consumerConnection = fixtures.connect(uniqueName('consumer')).connection;
    const { handled } = recordingConsumer(consumerConnection, topology);
    await eventually(() => handled.length === N + 1, 'every buffered message consumed');
    console.log(
      `outage: sent ${N + 1}, buffered ${N}, confirmed ${publisher.stats.confirmed}, received ${handled.length}`,
    );
  });

  it('never drops silently: a full buffer refuses the next message, close() refuses the buffered ones', async () => {
    const proxy = theProxy();
    proxy.setAvailable(false); // never reachable
    const topology = testTopology('full');
    const { connection } = fixtures.connect(uniqueName('publisher'), proxy.url);
    const publisher = vipPublisher(connection, topology, { bufferLimit: 5 });

    const buffered = Array.from({ length: 5 }, (_, i) =>
      watch(publisher.publish(topology.routingKey, notification(i))),
    );
    const sixth = publisher.publish(topology.routingKey, notification(5), { messageId: 'the-sixth' });
    await expect(sixth).rejects.toThrow(PublishBufferFullError);
    await expect(sixth).rejects.toThrow(
      /message the-sixth not sent: 5 messages already wait for the broker \(the limit\) — broker amqp:\/\/guest:\*\*\*@/,
    );

    await connection.close();
    await eventually(() => buffered.every((f) => f.state === 'refused'), 'every buffered publish refused');
    expect(buffered[0].error).toBeInstanceOf(PublisherClosedError);
    expect(buffered[0].error?.message).toMatch(/not sent: the publisher closed first/);
    expect(publisher.stats).toMatchObject({ confirmed: 0, buffered: 0, refused: 6 });
  });

  it('fails at once when the caller asks not to buffer', async () => {
    const proxy = theProxy();
    proxy.setAvailable(false);
    const topology = testTopology('no-buffer');
    const { connection } = fixtures.connect(uniqueName('publisher'), proxy.url);
    const publisher = vipPublisher(connection, topology);

    const refused = publisher.publish(topology.routingKey, notification(1), { whenDisconnected: 'reject' });
    await expect(refused).rejects.toThrow(BrokerUnavailableError);
    await expect(refused).rejects.toThrow(/broker amqp:\/\/guest:\*\*\*@127\.0\.0\.1:\d+\?heartbeat=10 is \w+/);
    expect(publisher.stats.buffered).toBe(0);
  });
});
