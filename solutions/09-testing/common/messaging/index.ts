/**
 * AMQP messaging for every service (amqplib, RabbitMQ's reliability guide): a connection that
 * reconnects, topology both sides declare, a confirming publisher that buffers through outages, a
 * consumer that acks after processing and dead-letters what it cannot process, the VIP
 * notification both sides read, and the Spring Cloud Bus's events and listener (the configserver
 * publishes them: configserver/src/bus/). See README.md beside this file.
 */
export type { BackoffOptions } from './backoff';
export {
  BrokerConnection,
  type BrokerConnectionOptions,
  type ConnectionClient,
  type ConnectionState,
  type ConnectionStatus,
} from './broker-connection';
export { Consumer, type ConsumerOptions, type ConsumerStats, type Delivery } from './consumer';
export * from './errors';
export { consoleLogger, type MessagingLogger } from './logger';
export { ConfirmingPublisher, type PublishOptions, type PublisherOptions, type PublisherStats } from './publisher';
export { DEFAULT_AMQP_URL, redactUrl } from './broker-url';
export { declareWorkQueue, type WorkQueueNames, type WorkQueueTopology } from './topology';
export { parseVipNotification, vipTopology, type VipNotification } from './vip/vip-notification';
export {
  BUS_EXCHANGE,
  busIdFor,
  refreshEvent,
  type BusEvent,
  type RefreshRemoteApplicationEvent,
} from './bus/bus-event';
export type { BusListener, BusListenerOptions } from './bus/bus-listener';
export { AMQP_SECRETS, AmqpConfigSchema, SpringBusConfigSchema, brokerUrl, type AmqpConfig } from './amqp-config';
export { refreshOnBus, type Refreshable, type RefreshOnBusOptions } from './bus/refresh-on-bus';
