import { setTimeout as delay } from 'node:timers/promises';
import { AMQP_URL, eventually, testTopology, uniqueName } from './helpers/broker';
import { brokerClosesConnections, rabbitmqctlWorks } from './helpers/drop-connections';
import { brokerFixtures, notification, recordingConsumer, vipPublisher } from './helpers/fixtures';
import { proxyPerTest } from './helpers/tcp-proxy';

jest.setTimeout(90_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());
const theProxy = proxyPerTest();

describe('the broker drops the connections mid-stream', () => {
  it('[settle-confirm] [idempotent-once] both sides reconnect, and every confirmed message reaches the handler exactly once', async () => {
    const proxy = theProxy();
    // The broker itself closes the connections (CONNECTION_FORCED) when rabbitmqctl can drive it;
    // elsewhere (or with TEST_BROKER_DROP=proxy) the proxy in front of it cuts both sockets.
    const byBroker = process.env.TEST_BROKER_DROP !== 'proxy' && (await rabbitmqctlWorks());
    const url = byBroker ? AMQP_URL : proxy.url;
    const run = uniqueName('drop');
    const topology = fixtures.track(testTopology('drop'));
    const { connection: producer, logger: producerLog } = fixtures.connect(`${run}-publisher`, url);
    const { connection: consuming, logger: consumerLog } = fixtures.connect(`${run}-consumer`, url);
    const publisher = vipPublisher(producer, topology);
    const { consumer, handled } = recordingConsumer(consuming, topology, {
      prefetch: 20,
      handle: () => new Promise((resolve) => setImmediate(resolve)), // a little work, so some is in flight
    });
    await Promise.all([producer.waitForConnected(5000), consuming.waitForConnected(5000)]);

    const publishes: Promise<{ messageId: string }>[] = [];
    let dropped: Promise<number> | undefined;
    let droppedAt: number | undefined;
    let dropFailed: Error | undefined;
    const startedAt = Date.now();
    const reconnected = () => producer.status.connections >= 2 && consuming.status.connections >= 2;
    // A steady stream (5 every 25 ms) before, during and after the drop, until both sides are back.
    while (!(droppedAt && reconnected() && publishes.length >= 300)) {
      if (dropFailed) throw dropFailed;
      if ((droppedAt && Date.now() - droppedAt > 15_000) || Date.now() - startedAt > 60_000) {
        throw new Error(`not reconnected 15 s after the drop: ${JSON.stringify([producer.status, consuming.status])}`);
      }
      for (let i = 0; i < 5; i++) {
        const publish = publisher.publish(topology.routingKey, notification(publishes.length));
        publish.catch(() => undefined); // judged below, with allSettled
        publishes.push(publish);
      }
      if (!dropped && publishes.length >= 100) {
        dropped = byBroker ? brokerClosesConnections(run) : Promise.resolve(proxy.cutAll()).then(() => 2);
        dropped.then(
          () => (droppedAt = Date.now()),
          (err: Error) => (dropFailed = err),
        );
      }
      await delay(25); // pacing the stream, not waiting for a condition
    }
    expect(await dropped).toBe(2);

    const outcomes = await Promise.allSettled(publishes);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toEqual([]);
    const confirmed = new Set(
      outcomes.map((o) => (o as PromiseFulfilledResult<{ messageId: string }>).value.messageId),
    );
    await eventually(
      () => handled.length >= confirmed.size,
      `all ${confirmed.size} confirmed messages handled`,
      20_000,
    );
    await eventually(() => consumer.stats.inFlight === 0, 'nothing left in flight');

    const handledIds = handled.map((h) => h.delivery.messageId);
    expect(new Set(handledIds).size).toBe(handledIds.length); // exactly once at the handler
    expect(new Set(handledIds)).toEqual(confirmed); // every confirmed one, nothing else
    expect(producerLog.has(/connection lost/)).toBe(true);
    expect(consumerLog.has(/connection lost/)).toBe(true);
    if (byBroker) expect(consumerLog.has(/CONNECTION_FORCED/)).toBe(true);

    const { resent } = publisher.stats;
    const { received, duplicates } = consumer.stats;
    console.log(
      `broker drop (${byBroker ? 'rabbitmqctl close_connection' : 'proxy cut'}): published ${publishes.length}, ` +
        `confirmed ${confirmed.size}, re-sent after the drop ${resent}, deliveries ${received} ` +
        `(duplicates acked without handling ${duplicates}), handled ${handled.length}`,
    );
  });
});
