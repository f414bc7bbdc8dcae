import { declareWorkQueue } from '../topology';
import { testTopology, withChannel } from './helpers/broker';
import { brokerFixtures } from './helpers/fixtures';

jest.setTimeout(30_000);

const fixtures = brokerFixtures();
afterEach(() => fixtures.cleanup());

describe('declaring the work queue', () => {
  it('is idempotent: declaring it twice changes nothing', async () => {
    const topology = fixtures.track(testTopology('twice'));
    await withChannel((channel) => declareWorkQueue(channel, topology));
    await withChannel((channel) => declareWorkQueue(channel, topology));
    const { messageCount } = await withChannel((channel) => channel.checkQueue(topology.queue));
    expect(messageCount).toBe(0);
  });

  it('explains a queue that already exists with other settings, and how to clear it', async () => {
    const topology = fixtures.track(testTopology('clash'));
    // What the starter's declaration (no dead-letter exchange) leaves behind.
    await withChannel((channel) => channel.assertQueue(topology.queue, { durable: true }));
    const attempt = withChannel((channel) => declareWorkQueue(channel, topology));
    await expect(attempt).rejects.toThrow(/PRECONDITION_FAILED.*already exists with other settings/);
    await expect(attempt).rejects.toThrow(`rabbitmqctl delete_queue ${topology.queue}`);
  });
});
