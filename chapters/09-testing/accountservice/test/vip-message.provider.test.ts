import '../../test/pact-env';
import { type MessageFromProviderWithMetadata, MessageProviderPact } from '@pact-foundation/pact';
import { committedPact } from '../../test/pact-files';
import { brokerFixtures, drain, eventually, recordingLogger, testTopology, uniqueName } from '../../under-test/common';
import { VipNotifier } from '../../under-test/accountservice';

// accountservice publishes the VIP notification: it is held to vipservice's pact. The message
// checked is the one accountservice's REAL notifier put on the real broker, taken off the queue.
jest.setTimeout(60_000);
const fixtures = brokerFixtures();
afterAll(() => fixtures.cleanup());

describe('accountservice honours vipservice’s message pact', () => {
  it('publishes the VIP notification vipservice expects', async () => {
    const topology = fixtures.track(testTopology('vip-provider'));
    const vipIds = new Set<string>();
    const notifier = new VipNotifier(fixtures.connect(uniqueName('accountservice')).connection, {
      topology,
      isVip: (id) => vipIds.has(id),
      logger: recordingLogger(),
    });

    /** What accountservice publishes when `accountId` is read, as it arrives on the queue. */
    async function publishedWhenRead(accountId: string): Promise<MessageFromProviderWithMetadata> {
      const before = notifier.stats.confirmed;
      notifier.accountRead(accountId);
      await eventually(() => notifier.stats.confirmed > before, 'the notification confirmed by the broker');
      const [message] = await drain(topology.queue);
      return {
        message: JSON.parse(message.content.toString('utf8')) as unknown,
        __pactMessageMetadata: { contentType: String(message.properties.contentType) },
      };
    }

    await new MessageProviderPact({
      provider: 'accountservice',
      pactUrls: [committedPact('vipservice', 'accountservice')],
      stateHandlers: {
        'account 10000 is a VIP': async () => {
          vipIds.add('10000');
        },
      },
      messageProviders: {
        'a notification that a VIP account was read': () => publishedWhenRead('10000'),
      },
      logLevel: 'warn',
    }).verify();
  });
});
