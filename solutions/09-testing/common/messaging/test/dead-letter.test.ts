import type { GetMessage } from 'amqplib';
import { RetryableError } from '../errors';
import { drain, eventually, publishRaw, readyCount, testTopology, uniqueName } from './helpers/broker';
import { brokerFixtures, notification, recordingConsumer, vipPublisher } from './helpers/fixtures';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());

const deathOf = (message: GetMessage) => message.properties.headers?.['x-death']?.[0];

describe('dead-lettering', () => {
  it('[delivery-fate] sends what cannot be read to the dead-letter queue, once, and carries on', async () => {
    const topology = fixtures.track(testTopology('poison'));
    const { connection } = fixtures.connect(uniqueName('consumer'));
    const { consumer, handled } = recordingConsumer(connection, topology);
    await connection.waitForConnected(5000);

    const { exchange, routingKey } = topology;
    await publishRaw(exchange, routingKey, '{"accountId": "10000", "readAt": ', 'poison-not-json');
    await publishRaw(exchange, routingKey, '{"accountId": "x1", "readAt": "2026-05-01T10:00:00Z"}', 'poison-invalid');
    await publishRaw(exchange, routingKey, JSON.stringify(notification(10001))); // no message id
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    await vipPublisher(producer, topology).publish(routingKey, notification(10002));

    await eventually(
      async () => (await readyCount(topology.deadLetterQueue)) === 3,
      '3 messages in the dead-letter queue',
    );
    await eventually(() => handled.length === 1, 'the good message handled');
    expect(handled[0].accountId).toBe('10002');
    expect(consumer.stats).toMatchObject({ received: 4, processed: 1, deadLettered: 3 });

    const dead = await drain(topology.deadLetterQueue);
    expect(dead.map((m) => m.properties.messageId).slice(0, 2)).toEqual(['poison-not-json', 'poison-invalid']);
    expect(deathOf(dead[0])).toMatchObject({ reason: 'rejected', queue: topology.queue, count: 1 });
    expect(await readyCount(topology.queue)).toBe(0);
  });

  it('[delivery-fate] sends a message whose handler fails for good to the dead-letter queue', async () => {
    const topology = fixtures.track(testTopology('handler-fails'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const { messageId } = await vipPublisher(producer, topology).publish(topology.routingKey, notification(10000));

    const { connection } = fixtures.connect(uniqueName('consumer'));
    const { consumer, handled } = recordingConsumer(connection, topology, {
      handle: () => {
        throw new Error('account 10000 makes the handler fail');
      },
    });

    await eventually(async () => (await readyCount(topology.deadLetterQueue)) === 1, 'the message dead-lettered');
    expect(handled).toHaveLength(1); // tried once, not redelivered forever
    expect(consumer.stats).toMatchObject({ deadLettered: 1, requeued: 0, processed: 0 });
    const [dead] = await drain(topology.deadLetterQueue);
    expect(dead.properties.messageId).toBe(messageId);
  });

  it('[delivery-fate] requeues a RetryableError once; failing again, the message is dead-lettered', async () => {
    const topology = fixtures.track(testTopology('retry'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(producer, topology);
    await publisher.publish(topology.routingKey, notification(10000)); // fails on every attempt
    await publisher.publish(topology.routingKey, notification(10001)); // fails on the first attempt only

    const { connection } = fixtures.connect(uniqueName('consumer'));
    const { consumer, handled } = recordingConsumer(connection, topology, {
      handle: ({ accountId }, { redelivered }) => {
        if (accountId === '10000' || !redelivered) throw new RetryableError(`store busy for ${accountId}`);
      },
    });

    await eventually(() => consumer.stats.processed === 1 && consumer.stats.deadLettered === 1, '1 processed, 1 dead');
    expect(handled.map((h) => `${h.accountId}:${h.delivery.redelivered}`).sort()).toEqual([
      '10000:false',
      '10000:true',
      '10001:false',
      '10001:true',
    ]);
    expect(consumer.stats.requeued).toBe(2);
    const dead = await drain(topology.deadLetterQueue);
    expect(dead.map((m) => JSON.parse(m.content.toString()).accountId)).toEqual(['10000']);
  });
});
