import {
  type BrokerConnection,
  ConfirmingPublisher,
  type MessagingLogger,
  type PublisherStats,
  type VipNotification,
  type WorkQueueTopology,
  consoleLogger,
  declareWorkQueue,
  vipTopology,
} from '../../common/messaging';
import { withRequestIdHeader } from '../../common/logging';

export interface VipNotifierOptions {
  /** Is this account a VIP? Read the live config here (`config.current.accounts.vipIds`), not a copy. */
  isVip: (accountId: string) => boolean;
  topology?: WorkQueueTopology;
  /** Notifications that may wait while the broker is away. Default 1000. */
  bufferLimit?: number;
  appId?: string;
  logger?: MessagingLogger;
  now?: () => Date;
  /** Chapter 07: each notification's fate, for the AMQP metrics. */
  onSettled?: (outcome: 'confirmed' | 'failed') => void;
}

/**
 * accountservice's side of the VIP notifications. `accountRead(id)` returns at once and never
 * throws: the account read never waits for, nor fails because of, the broker. The notification is
 * confirmed by the broker later, or buffered until it is back, or — buffer full, publisher closed —
 * reported in the log with the account id. Never dropped without a word.
 */
export class VipNotifier {
  private readonly publisher: ConfirmingPublisher;
  private readonly topology: WorkQueueTopology;
  private readonly logger: MessagingLogger;

  constructor(
    connection: BrokerConnection,
    private readonly options: VipNotifierOptions,
  ) {
    this.topology = options.topology ?? vipTopology();
    this.logger = options.logger ?? consoleLogger;
    const topology = this.topology;
    this.publisher = new ConfirmingPublisher(connection, {
      exchange: topology.exchange,
      declare: (channel) => declareWorkQueue(channel, topology),
      bufferLimit: options.bufferLimit,
      appId: options.appId,
      logger: this.logger,
    });
  }

  /** Call after a successful account read; fire and forget. */
  accountRead(accountId: string): void {
    try {
      if (!this.options.isVip(accountId)) return;
      const notification: VipNotification = { accountId, readAt: (this.options.now?.() ?? new Date()).toISOString() };
      this.publisher
        .publish(this.topology.routingKey, notification, {
          type: 'VipAccountRead',
          headers: withRequestIdHeader<string>(),
        })
        .then(
          ({ messageId }) => {
            this.options.onSettled?.('confirmed');
            this.logger.info(`vip: account ${accountId} read; notification ${messageId} confirmed`);
          },
          (err: Error) => {
            this.options.onSettled?.('failed');
            this.logger.warn(`vip: notification for account ${accountId} NOT sent: ${err.message}`);
          },
        );
    } catch (err) {
      this.logger.warn(`vip: notification for account ${accountId} NOT sent: ${(err as Error).message}`);
    }
  }

  get stats(): PublisherStats {
    return this.publisher.stats;
  }
}
