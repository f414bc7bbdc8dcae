import type { LiveConfig } from '../../common/config';
import {
  BrokerConnection,
  type MessagingLogger,
  brokerUrl,
  consoleLogger,
  redactUrl,
  refreshOnBus,
  vipTopology,
} from '../../common/messaging';
import type { ServiceMetrics } from '../../common/metrics';
import type { AccountConfig } from './config';
import { VipNotifier } from './vip-notifier';

const SERVICE = 'accountservice';

/**
 * accountservice's messaging (chapter 04): one broker connection that reconnects on its own, the
 * VIP notifications it publishes, and the Spring Cloud Bus listener that refreshes its config.
 * Nothing here waits for the broker: the service starts and serves accounts while it is away.
 */
export function startMessaging(
  config: LiveConfig<AccountConfig>,
  {
    servedBy,
    logger = consoleLogger,
    metrics,
  }: { servedBy: string; logger?: MessagingLogger; metrics?: Pick<ServiceMetrics, 'amqpPublished'> },
) {
  const { amqp, vip } = config.current;
  const broker = new BrokerConnection({ url: brokerUrl(amqp), name: `${SERVICE}@${servedBy}#${process.pid}`, logger });
  const notifier = new VipNotifier(broker, {
    // Read on every account: a refresh of accounts.vip-ids applies to the next read.
    isVip: (accountId) => config.current.accounts.vipIds.includes(accountId),
    topology: vipTopology({ exchange: vip.exchange, routingKey: vip.routingKey, queue: vip.queue }),
    appId: SERVICE,
    logger,
    onSettled: (outcome) => metrics?.amqpPublished(vip.exchange, vip.routingKey, outcome),
  });
  broker.start();
  logger.info(
    `${SERVICE} messaging via ${redactUrl(brokerUrl(amqp))} (VIP accounts: ${config.current.accounts.vipIds})`,
  );

  return {
    /** The connection itself, for chapter 07's discovery announcements. */
    broker,
    vip: notifier,
    /** Joins the Spring Cloud Bus once the port is known (it is part of the instance's bus id). */
    listenOnBus(profile: string, port: number) {
      refreshOnBus(broker, config, {
        application: SERVICE,
        profile,
        port,
        exchange: config.current.spring.cloud.bus.destination,
        logger,
      });
    },
    /** Waits (≤ 5 s) for outstanding confirms, then says what could not be sent; closes the connection. */
    close: () => broker.close(),
  };
}
