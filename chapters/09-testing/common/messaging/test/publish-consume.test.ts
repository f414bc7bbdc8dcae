import { UnroutableMessageError } from '../errors';
import { ConfirmingPublisher } from '../publisher';
import {
  drain,
  eventually,
  readyCount,
  recordingLogger,
  testTopology,
  uniqueName,
  withChannel,
} from './helpers/broker';
import { brokerFixtures, gate, notification, recordingConsumer, vipPublisher } from './helpers/fixtures';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());

describe('publishing and consuming on the real broker', () => {
  it('sends persistent JSON with a message id, and resolves only once the broker confirms it', async () => {
    const topology = fixtures.track(testTopology('props'));
    const { connection } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(connection, topology, { appId: 'accountservice' });

    const { messageId } = await publisher.publish(topology.routingKey, notification(10000));

    expect(publisher.stats).toMatchObject({ confirmed: 1, inFlight: 0, buffered: 0 });
    const [message] = await drain(topology.queue); // no consumer yet: the queue holds it
    expect(JSON.parse(message.content.toString())).toEqual({ accountId: '10000', readAt: expect.any(String) });
    expect(message.properties).toMatchObject({
      messageId,
      deliveryMode: 2,
      contentType: 'application/json',
      appId: 'accountservice',
    });
  });

  it('delivers what was published while no consumer ran: N published, consumer starts, N arrive', async () => {
    const N = 50;
    const topology = fixtures.track(testTopology('backlog'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(producer, topology);
    const confirmed = await Promise.all(
      Array.from({ length: N }, (_, i) => publisher.publish(topology.routingKey, notification(10000 + i))),
    );
    expect(await readyCount(topology.queue)).toBe(N);

    const { connection } = fixtures.connect(uniqueName('consumer'));
    const { consumer, handled } = recordingConsumer(connection, topology);

    await eventually(() => handled.length === N, `${N} messages handled (got ${handled.length})`);
    expect(new Set(handled.map((h) => h.delivery.messageId))).toEqual(new Set(confirmed.map((c) => c.messageId)));
    expect(consumer.stats).toMatchObject({ received: N, processed: N, duplicates: 0, deadLettered: 0 });
    console.log(`backlog: sent ${N}, confirmed ${confirmed.length}, received ${handled.length}`);
  });

  it('gets at most `prefetch` unacked messages at a time', async () => {
    const topology = fixtures.track(testTopology('prefetch'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(producer, topology);
    const { connection } = fixtures.connect(uniqueName('consumer'));
    const release = gate();
    const { consumer, handled } = recordingConsumer(connection, topology, {
      prefetch: 3,
      handle: () => release.promise,
    });

    await Promise.all(Array.from({ length: 10 }, (_, i) => publisher.publish(topology.routingKey, notification(i))));
    // The broker keeps the other 7 until the consumer acks: it is the broker that holds back.
    await eventually(
      async () => handled.length === 3 && (await readyCount(topology.queue)) === 7,
      '3 in flight, 7 ready',
    );
    expect(consumer.stats.inFlight).toBe(3);

    release.open();
    await eventually(() => consumer.stats.processed === 10, 'all 10 processed once acked');
  });

  it('stops gracefully: cancels, lets the running handler finish and ack, then closes', async () => {
    const topology = fixtures.track(testTopology('graceful'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(producer, topology);
    const { connection } = fixtures.connect(uniqueName('consumer'));
    const release = gate();
    const { consumer, handled } = recordingConsumer(connection, topology, { handle: () => release.promise });

    await publisher.publish(topology.routingKey, notification(10000));
    await eventually(() => handled.length === 1, 'handler started');
    let closed = false;
    const closing = connection.close().then(() => (closed = true));
    await eventually(() => consumer.stats.inFlight === 1 && !closed, 'close waits for the handler');

    release.open();
    await closing;
    expect(consumer.stats).toMatchObject({ processed: 1, inFlight: 0 });
    // Acked before the channel closed: nothing went back to the queue.
    expect(await readyCount(topology.queue)).toBe(0);
  });

  it('[settle-confirm] reports a message no queue takes instead of letting the broker drop it', async () => {
    const exchange = uniqueName('unroutable');
    const { connection } = fixtures.connect(uniqueName('publisher'));
    const publisher = new ConfirmingPublisher(connection, {
      exchange,
      declare: async (channel) => void (await channel.assertExchange(exchange, 'topic', { durable: false })),
      logger: recordingLogger(),
    });
    try {
      await expect(publisher.publish('nobody.listens', { hello: 1 })).rejects.toThrow(UnroutableMessageError);
      expect(publisher.stats).toMatchObject({ confirmed: 0, refused: 1 });
    } finally {
      await withChannel((channel) => channel.deleteExchange(exchange));
    }
  });
});
