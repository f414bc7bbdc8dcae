import '../../test/pact-env';
import path from 'node:path';
import { MatchersV3, MessageConsumerPact, asynchronousBodyHandler } from '@pact-foundation/pact';
import { committedPact, consumerPactDir, interactionsOf, removeConsumerPactDir } from '../../test/pact-files';
import {
  brokerFixtures,
  eventually,
  publishRaw,
  recordingLogger,
  testTopology,
  uniqueName,
} from '../../under-test/common';
import { RecentVips, consumeVipNotifications } from '../../under-test/vipservice';

// The message contract, the other way round from HTTP: vipservice CONSUMES the VIP notification,
// so vipservice is Pact's consumer and accountservice, which publishes it, the provider. The
// example message goes through vipservice's real consumer on the real broker: parsed, validated,
// handled (listed in /vips/recent), or dead-lettered if it does not fit.
jest.setTimeout(30_000);
const { regex } = MatchersV3;
const dir = consumerPactDir();
afterAll(() => removeConsumerPactDir(dir));
const fixtures = brokerFixtures();
afterAll(() => fixtures.cleanup());

/** vipservice's consumer on a queue of its own; resolves once it consumes. */
async function vipserviceConsumer() {
  const topology = fixtures.track(testTopology('vip-pact'));
  const logger = recordingLogger();
  const recent = new RecentVips(() => 10);
  const consumer = consumeVipNotifications(fixtures.connect(uniqueName('vipservice')).connection, {
    topology,
    prefetch: 1,
    recent,
    servedBy: 'vip-pact',
    logger,
  });
  await eventually(() => logger.has(/consuming/), 'vipservice consuming');
  return { topology, recent, consumer, logger };
}

describe('accountservice → vipservice: the VIP notification (message pact, vipservice consumes)', () => {
  it('vipservice handles the notification accountservice promises to publish', async () => {
    const vip = await vipserviceConsumer();
    const pact = new MessageConsumerPact({ consumer: 'vipservice', provider: 'accountservice', dir, logLevel: 'warn' });
    await pact
      .given('account 10000 is a VIP')
      .expectsToReceive('a notification that a VIP account was read')
      .withContent({
        accountId: regex(/^\d{1,20}$/.source, '10000'),
        readAt: regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.source, '2026-12-02T06:30:00.000Z'),
      })
      .withMetadata({ contentType: 'application/json' })
      .verify(
        asynchronousBodyHandler(async (body) => {
          await publishRaw(vip.topology.exchange, vip.topology.routingKey, JSON.stringify(body), uniqueName('msg'));
          // Handled: listed. Not understood: dead-lettered, and the consumer says why.
          const outcome = await eventually(
            () => (vip.recent.list().length > 0 ? 'handled' : vip.consumer.stats.deadLettered > 0 ? 'dead' : undefined),
            'the notification handled or dead-lettered',
          );
          if (outcome !== 'handled') throw new Error(`vipservice refused the message: ${vip.logger.lines.join('\n')}`);
          expect(vip.recent.list()).toEqual([expect.objectContaining({ accountId: '10000', servedBy: 'vip-pact' })]);
        }),
      );
  });

  it('the committed pact is the one this test writes (PACT_UPDATE=1 rewrites it)', () => {
    const written = path.join(dir, 'vipservice-accountservice.json');
    expect(interactionsOf(written)).toEqual(interactionsOf(committedPact('vipservice', 'accountservice')));
  });
});
