import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { BrokerConnection, ConnectionClient } from '../messaging';
import { type Announcement, AnnouncementSchema } from './announcement';
import type { DiscoveryBus } from './amqp-discovery';

/**
 * The discovery exchange on a service's own BrokerConnection (chapter 04): a channel per connection,
 * made again after every reconnect, so announcing survives a broker restart. `onConnected` runs after
 * each (re)connect: the instance announces itself at once instead of waiting for its next heartbeat.
 */
export function brokerDiscovery(
  broker: BrokerConnection,
  exchange: string,
  { onConnected, log = console.warn }: { onConnected?: () => void; log?: (line: string) => void } = {},
): DiscoveryBus {
  let channel: ConfirmChannel | undefined;
  const listeners: Array<(a: Announcement) => void> = [];
  const client: ConnectionClient = {
    async attach(connection: ChannelModel) {
      const next = await connection.createConfirmChannel();
      await next.assertExchange(exchange, 'fanout', { durable: false });
      next.on('close', () => {
        if (channel === next) channel = undefined;
      });
      if (listeners.length > 0) {
        const { queue } = await next.assertQueue('', { exclusive: true, autoDelete: true });
        await next.bindQueue(queue, exchange, '');
        await next.consume(
          queue,
          (message) => {
            if (!message) return;
            try {
              const announcement = AnnouncementSchema.parse(JSON.parse(message.content.toString()));
              for (const listener of listeners) listener(announcement);
            } catch (err) {
              log(`discovery: dropped a malformed announcement (${(err as Error).message.slice(0, 200)})`);
            }
          },
          { noAck: true },
        );
      }
      channel = next;
      if (onConnected) setImmediate(onConnected);
    },
    async detach() {
      const last = channel;
      channel = undefined;
      await last?.close().catch(() => undefined);
    },
  };
  broker.use(client);
  return {
    async publish(announcement) {
      // Announcements are state, not work: while the broker is away the next heartbeat repairs a lost one.
      if (!channel) throw new Error('not connected to the broker');
      channel.publish(exchange, '', Buffer.from(JSON.stringify(announcement)), { contentType: 'application/json' });
      await channel.waitForConfirms();
    },
    async subscribe(listener) {
      listeners.push(listener);
    },
    async close() {
      await client.detach();
    },
  };
}
