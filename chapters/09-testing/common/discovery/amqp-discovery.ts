import amqp, { type ChannelModel } from 'amqplib';
import { type Announcement, AnnouncementSchema } from './announcement';

export interface DiscoveryBus {
  publish(announcement: Announcement): Promise<void>;
  /** Calls `listener` for every valid announcement (malformed ones are dropped and logged). */
  subscribe(listener: (announcement: Announcement) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * The discovery exchange over AMQP (amqplib): a non-durable fanout exchange; each subscriber gets
 * its own exclusive, auto-deleted queue. Announcements are state, not work: a lost one is repaired
 * by the next heartbeat, so no persistence or acks are needed here.
 */
export async function amqpDiscovery(
  url: string,
  exchange: string,
  log: (line: string) => void = console.warn,
): Promise<DiscoveryBus> {
  const connection: ChannelModel = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(exchange, 'fanout', { durable: false });
  return {
    async publish(announcement) {
      channel.publish(exchange, '', Buffer.from(JSON.stringify(announcement)), { contentType: 'application/json' });
      await channel.waitForConfirms();
    },
    async subscribe(listener) {
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      await channel.bindQueue(queue, exchange, '');
      await channel.consume(
        queue,
        (message) => {
          if (!message) return;
          try {
            listener(AnnouncementSchema.parse(JSON.parse(message.content.toString())));
          } catch (err) {
            log(`discovery: dropped a malformed announcement (${(err as Error).message.slice(0, 200)})`);
          }
        },
        { noAck: true },
      );
    },
    async close() {
      await connection.close();
    },
  };
}
