import amqp, { type ChannelModel } from 'amqplib';
import { DEFAULT_AMQP_URL } from '../../lib/rabbitmq';
import type { QueueView } from '../snapshot';

/**
 * Queue depths over AMQP itself (no management plugin needed): `checkQueue` answers the number of
 * ready messages and consumers. A queue that does not exist (yet) closes the channel, so each check
 * gets a channel of its own.
 */
export class QueueWatcher {
  private connection?: Promise<ChannelModel>;

  constructor(private readonly url = process.env.AMQP_URL ?? DEFAULT_AMQP_URL) {}

  async check(names: readonly string[]): Promise<QueueView[]> {
    const connection = await this.connect();
    const views: QueueView[] = [];
    for (const name of names) {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined); // a missing queue rejects checkQueue; that is enough
      try {
        const { messageCount, consumerCount } = await channel.checkQueue(name);
        views.push({ name, messages: messageCount, consumers: consumerCount });
        await channel.close();
      } catch {
        // not declared yet: nothing to show
      }
    }
    return views;
  }

  async close(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  private connect(): Promise<ChannelModel> {
    if (!this.connection) {
      const opening = amqp.connect(this.url, { clientProperties: { connection_name: 'landscape-console' } });
      this.connection = opening;
      opening.then(
        (c) => {
          c.on('error', () => undefined);
          c.on('close', () => (this.connection = undefined));
        },
        () => (this.connection = undefined),
      );
    }
    return this.connection;
  }
}

/** The sum of a counter over every series in a Prometheus text exposition (e.g. amqp_messages_published_total). */
export function counterTotal(metricsText: string, name: string): number | undefined {
  let total: number | undefined;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== '{' && line[name.length] !== ' ')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}

/** Per-second rate between two readings of a counter; undefined until there are two. */
export class Rate {
  private last?: { value: number; at: number };

  update(value: number | undefined, at = Date.now()): number | undefined {
    if (value === undefined) return undefined;
    const previous = this.last;
    this.last = { value, at };
    if (!previous || at <= previous.at) return undefined;
    return Math.max(0, Math.round(((value - previous.value) * 1000 * 10) / (at - previous.at)) / 10);
  }
}

/**
 * The queues panel: the VIP queue and its dead-letter queue over AMQP, and messages in and out per
 * second from the services' counters (chapter 07's /metrics: amqp_messages_published/consumed_total).
 */
export class QueuePanel {
  private readonly watcher = new QueueWatcher();
  private readonly published = new Rate();
  private readonly consumed = new Rate();

  async read(queue: string, metricsUrls: readonly string[]): Promise<QueueView[]> {
    const views = await this.watcher.check([queue, `${queue}.dlq`]);
    const texts = await Promise.all(
      metricsUrls.map((url) =>
        fetch(url, { signal: AbortSignal.timeout(1000) })
          .then((r) => r.text())
          .catch(() => ''),
      ),
    );
    const sum = (name: string) => {
      const values = texts.map((t) => counterTotal(t, name)).filter((v) => v !== undefined);
      return values.length ? values.reduce((a, b) => a + b, 0) : undefined;
    };
    const inPerSecond = this.published.update(sum('amqp_messages_published_total'));
    const outPerSecond = this.consumed.update(sum('amqp_messages_consumed_total'));
    return views.map((v) =>
      v.name === queue
        ? {
            ...v,
            ...(inPerSecond !== undefined && { inPerSecond }),
            ...(outPerSecond !== undefined && { outPerSecond }),
          }
        : v,
    );
  }

  close(): Promise<void> {
    return this.watcher.close();
  }
}
