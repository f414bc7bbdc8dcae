import {
  BUS_EXCHANGE,
  type BrokerConnection,
  ConfirmingPublisher,
  type MessagingLogger,
  type RefreshRemoteApplicationEvent,
  consoleLogger,
  refreshEvent,
} from '../../../common/messaging';

export interface BusPublisherOptions {
  /** The sender's bus id (busIdFor('configserver', 'native', port)): goes out as originService. */
  originService: string;
  exchange?: string;
  logger?: MessagingLogger;
}

/**
 * The configserver's side of the bus: publishes RefreshRemoteApplicationEvents on the
 * springCloudBus topic exchange, with the routing key Spring Cloud Stream uses (the destination's
 * name), JSON content type as a property and as Spring's `contentType` header. No buffering:
 * a refresh asked for while the broker is away fails at once (BrokerUnavailableError), so the
 * HTTP caller hears it. No instance listening is not an error.
 */
export class BusPublisher {
  private readonly publisher: ConfirmingPublisher;
  private readonly exchange: string;
  private readonly logger: MessagingLogger;

  constructor(
    connection: BrokerConnection,
    private readonly options: BusPublisherOptions,
  ) {
    const exchange = options.exchange ?? BUS_EXCHANGE;
    this.exchange = exchange;
    this.logger = options.logger ?? consoleLogger;
    this.publisher = new ConfirmingPublisher(connection, {
      exchange,
      declare: async (channel) => {
        await channel.assertExchange(exchange, 'topic', { durable: true });
      },
      mandatory: false,
      logger: this.logger,
    });
  }

  /** Publishes a refresh for `destination` (`accountservice`, `accountservice:**`, none = everyone); resolves once confirmed. */
  async publishRefresh(destination?: string): Promise<RefreshRemoteApplicationEvent> {
    const event = refreshEvent(this.options.originService, destination);
    await this.publisher.publish(this.exchange, event, {
      messageId: event.id,
      type: event.type,
      whenDisconnected: 'reject',
      headers: { contentType: 'application/json' },
    });
    this.logger.info(`bus: published refresh ${event.id} for ${event.destinationService}`);
    return event;
  }
}
