import { ProcessedIds } from '../processed-ids';
import { eventually, readyCount, testTopology, uniqueName } from './helpers/broker';
import { brokerFixtures, gate, notification, recordingConsumer, vipPublisher } from './helpers/fixtures';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());

describe('acknowledgements and idempotency', () => {
  it('a message whose handler had not finished when its consumer stopped goes back to the queue', async () => {
    const topology = fixtures.track(testTopology('unfinished'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const { messageId } = await vipPublisher(producer, topology).publish(topology.routingKey, notification(10000));

    // Consumer A takes the message and never finishes it (a crash, a hang); it stops after 100 ms of grace.
    const { connection: a } = fixtures.connect(uniqueName('consumer-a'));
    const stuck = recordingConsumer(a, topology, { stopGraceMs: 100, handle: () => new Promise(() => undefined) });
    await eventually(() => stuck.handled.length === 1, 'consumer A started on the message');
    await a.close();

    // Not acked, so not lost: the broker gives it to consumer B.
    const { connection: b } = fixtures.connect(uniqueName('consumer-b'));
    const { handled } = recordingConsumer(b, topology);
    await eventually(() => handled.length === 1, 'consumer B received the message A never finished', 5000);
    expect(handled[0].delivery).toMatchObject({ messageId, redelivered: true });
  });

  it('[idempotent-once] [delivery-fate] a redelivered message that was already handled is acked without running the handler again', async () => {
    const topology = fixtures.track(testTopology('redelivered'));
    const processedIds = new ProcessedIds(); // kept across the two consumers, as a shared store would be
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    await vipPublisher(producer, topology).publish(topology.routingKey, notification(10000));

    // A handles the message, but its ack never reaches the broker (the connection goes first).
    const { connection: a } = fixtures.connect(uniqueName('consumer-a'));
    const finish = gate();
    const first = recordingConsumer(a, topology, { processedIds, stopGraceMs: 100, handle: () => finish.promise });
    await eventually(() => first.handled.length === 1, 'consumer A started');
    await a.close();
    finish.open();
    await eventually(() => processedIds.size === 1, 'A finished the work after its connection was gone');

    const { connection: b } = fixtures.connect(uniqueName('consumer-b'));
    const second = recordingConsumer(b, topology, { processedIds });
    await eventually(() => second.consumer.stats.duplicates === 1, 'B recognised the redelivery', 5000);
    expect(second.handled).toHaveLength(0);
    await b.close();
    expect(await readyCount(topology.queue)).toBe(0); // acked, not requeued
  });

  it('[idempotent-once] [delivery-fate] handles a message published twice with the same id once', async () => {
    const topology = fixtures.track(testTopology('same-id'));
    const { connection: producer } = fixtures.connect(uniqueName('publisher'));
    const publisher = vipPublisher(producer, topology);
    await publisher.publish(topology.routingKey, notification(10000), { messageId: 'vip-10000-once' });
    await publisher.publish(topology.routingKey, notification(10000), { messageId: 'vip-10000-once' });

    const { connection } = fixtures.connect(uniqueName('consumer'));
    const { consumer, handled } = recordingConsumer(connection, topology);
    await eventually(() => consumer.stats.received === 2, 'both copies delivered');
    await eventually(() => consumer.stats.duplicates === 1, 'the copy recognised');
    expect(handled).toHaveLength(1);
  });
});
