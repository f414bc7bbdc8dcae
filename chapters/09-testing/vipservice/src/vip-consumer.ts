import {
  type BrokerConnection,
  Consumer,
  type MessagingLogger,
  type VipNotification,
  type WorkQueueTopology,
  declareWorkQueue,
  parseVipNotification,
} from '../../common/messaging';
import { runWithRequestIdFrom } from '../../common/logging';
import type { RecentVips } from './recent-vips';

export interface VipConsumerDeps {
  topology: WorkQueueTopology;
  prefetch: number;
  recent: RecentVips;
  servedBy: string;
  logger: MessagingLogger;
  now?: () => Date;
  /** Chapter 07: counts each handled (acked) notification in the AMQP metrics. */
  onHandled?: () => void;
}

/**
 * Consumes the VIP queue: a valid notification is remembered for GET /vips/recent and logged,
 * then acked; a malformed one goes to the dead-letter queue (the Consumer does that).
 */
export function consumeVipNotifications(
  connection: BrokerConnection,
  deps: VipConsumerDeps,
): Consumer<VipNotification> {
  const { topology, prefetch, recent, servedBy, logger, now = () => new Date(), onHandled } = deps;
  return new Consumer<VipNotification>(connection, {
    queue: topology.queue,
    declare: (channel) => declareWorkQueue(channel, topology),
    parse: parseVipNotification,
    prefetch,
    logger,
    // The request that read the account goes on in this one: its id (x-request-id) is on every line.
    handle: ({ accountId, readAt }, { messageId, headers }) =>
      runWithRequestIdFrom(headers, () => {
        recent.add({ accountId, readAt, receivedAt: now().toISOString(), servedBy });
        logger.info(`vipservice: VIP account ${accountId} was read at ${readAt} (message ${messageId})`);
        onHandled?.();
      }),
  });
}
