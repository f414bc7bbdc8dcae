import type { BackoffOptions } from '../../backoff';
import { BrokerConnection } from '../../broker-connection';
import { Consumer, type ConsumerOptions, type Delivery } from '../../consumer';
import { ConfirmingPublisher, type PublisherOptions } from '../../publisher';
import { type WorkQueueTopology, declareWorkQueue } from '../../topology';
import { type VipNotification, parseVipNotification } from '../../vip/vip-notification';
import { AMQP_URL, deleteTopology, recordingLogger } from './broker';

/** Short waits so reconnect tests finish quickly; the bound still shows. */
export const FAST_BACKOFF = { initialMs: 50, factor: 2, maxMs: 400 };

/**
 * What one test file opens, closed and deleted after each test: connections (each one a
 * "process"), and the topologies the test declared.
 */
export function brokerFixtures() {
  const connections: BrokerConnection[] = [];
  const topologies: WorkQueueTopology[] = [];

  return {
    /** A started connection named `name` (the broker lists it by that name). */
    connect(name: string, url = AMQP_URL, backoff: Partial<BackoffOptions> = FAST_BACKOFF) {
      const logger = recordingLogger();
      const connection = new BrokerConnection({ url, name, logger, backoff, random: () => 1 });
      connections.push(connection);
      return { connection: connection.start(), logger };
    },

    track(topology: WorkQueueTopology): WorkQueueTopology {
      topologies.push(topology);
      return topology;
    },

    async cleanup(): Promise<void> {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      for (const topology of topologies.splice(0)) await deleteTopology(topology);
    },
  };
}

export function vipPublisher(
  connection: BrokerConnection,
  topology: WorkQueueTopology,
  options: Partial<PublisherOptions> = {},
): ConfirmingPublisher {
  return new ConfirmingPublisher(connection, {
    exchange: topology.exchange,
    declare: (channel) => declareWorkQueue(channel, topology),
    logger: recordingLogger(),
    ...options,
  });
}

export function notification(accountId: string | number): VipNotification {
  return { accountId: String(accountId), readAt: new Date().toISOString() };
}

export interface Handled extends VipNotification {
  delivery: Delivery;
}

/**
 * A VIP consumer that records what its handler was given. `handle` runs after recording (make it
 * wait on a gate, or throw) — by default it does nothing.
 */
export function recordingConsumer(
  connection: BrokerConnection,
  topology: WorkQueueTopology,
  options: Partial<ConsumerOptions<VipNotification>> = {},
) {
  const handled: Handled[] = [];
  const { handle, ...rest } = options;
  const consumer = new Consumer<VipNotification>(connection, {
    queue: topology.queue,
    declare: (channel) => declareWorkQueue(channel, topology),
    parse: parseVipNotification,
    logger: recordingLogger(),
    ...rest,
    handle: async (payload, delivery) => {
      handled.push({ ...payload, delivery });
      await handle?.(payload, delivery);
    },
  });
  return { consumer, handled };
}

/** A promise the test opens when it wants: `gate.open()`. */
export function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
