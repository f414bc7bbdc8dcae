import { randomBytes } from 'node:crypto';
import type { BrokerConnection } from '../broker-connection';
import { Consumer, type ConsumerStats } from '../consumer';
import { type MessagingLogger, consoleLogger } from '../logger';
import { BUS_EXCHANGE, type BusEvent, REFRESH_EVENT_TYPE, parseBusEvent } from './bus-event';
import { isForSelf } from './destination';

export interface BusListenerOptions {
  /** This instance's bus id (busIdFor('accountservice', profile, port)); destinations are matched against it. */
  busId: string;
  /** Called for each refresh event addressed to this instance, e.g. `() => config.refresh()`. */
  onRefresh: (event: BusEvent) => Promise<unknown> | unknown;
  /** Default springCloudBus; tests use their own. */
  exchange?: string;
  logger?: MessagingLogger;
}

/**
 * Listens on the Spring Cloud Bus like a Spring service does: its own exclusive, auto-deleted queue
 * (`springCloudBus.anonymous.…`, one per instance, so every replica hears every event) bound with
 * `#` to the topic exchange. A RefreshRemoteApplicationEvent whose destinationService matches this
 * instance's bus id calls `onRefresh`; other events (acks, other services, our own) are acked and
 * ignored. A failing `onRefresh` is logged, not retried: the next refresh request retries.
 * Events sent while this instance is disconnected are not seen (as in Spring): the queue lives
 * only as long as the connection.
 */
export class BusListener {
  private readonly consumer: Consumer<BusEvent>;
  private readonly logger: MessagingLogger;
  private readonly counts = { refreshed: 0, ignored: 0 };
  readonly queue: string;

  constructor(connection: BrokerConnection, options: BusListenerOptions) {
    const exchange = options.exchange ?? BUS_EXCHANGE;
    this.logger = options.logger ?? consoleLogger;
    this.queue = `${exchange}.anonymous.${randomBytes(12).toString('base64url')}`;
    const queue = this.queue;
    this.consumer = new Consumer<BusEvent>(connection, {
      queue,
      declare: async (channel) => {
        await channel.assertExchange(exchange, 'topic', { durable: true });
        await channel.assertQueue(queue, { exclusive: true, autoDelete: true, durable: false });
        await channel.bindQueue(queue, exchange, '#');
      },
      parse: parseBusEvent,
      idOf: (event) => event.id,
      prefetch: 1,
      logger: this.logger,
      handle: (event) => this.onEvent(event, options),
    });
  }

  get stats(): ConsumerStats & { refreshed: number; ignored: number } {
    return { ...this.consumer.stats, ...this.counts };
  }

  /** Its queue is bound and subscribed: events published from now on reach it. */
  get listening(): boolean {
    return this.consumer.consuming;
  }

  close(): Promise<void> {
    return this.consumer.close();
  }

  private async onEvent(event: BusEvent, { busId, onRefresh }: BusListenerOptions): Promise<void> {
    const forUs =
      event.type === REFRESH_EVENT_TYPE && event.originService !== busId && isForSelf(event.destinationService, busId);
    if (!forUs) {
      this.counts.ignored += 1;
      return;
    }
    this.logger.info(
      `bus: refresh ${event.id} for ${event.destinationService ?? '**'} from ${event.originService ?? 'unknown'}`,
    );
    try {
      await onRefresh(event);
      this.counts.refreshed += 1;
    } catch (err) {
      this.logger.warn(`bus: refresh ${event.id} failed: ${(err as Error).message}`);
    }
  }
}
