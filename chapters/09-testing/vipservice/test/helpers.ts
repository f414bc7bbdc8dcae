import { VipNotifier } from '../../accountservice/src/vip-notifier';
import type { BrokerConnection, WorkQueueTopology } from '../../common/messaging';
import { recordingLogger } from '../../common/messaging/test/helpers/broker';
import { buildApp } from '../src/app';
import { RecentVips } from '../src/recent-vips';
import { consumeVipNotifications } from '../src/vip-consumer';

/** vipservice as main.ts wires it, minus the HTTP listener (supertest drives the app). */
export function vipservice(
  connection: BrokerConnection,
  topology: WorkQueueTopology,
  servedBy = 'vip-1',
  prefetch = 10,
) {
  const recent = new RecentVips(() => 100);
  const consumer = consumeVipNotifications(connection, {
    topology,
    prefetch,
    recent,
    servedBy,
    logger: recordingLogger(),
  });
  return { app: buildApp({ recent, broker: connection }), consumer, recent };
}

/** accountservice's side: a VipNotifier whose VIP list is `vipIds`. */
export function accountservice(connection: BrokerConnection, topology: WorkQueueTopology, vipIds: string[]) {
  const logger = recordingLogger();
  const notifier = new VipNotifier(connection, { topology, isVip: (id) => vipIds.includes(id), logger });
  return { notifier, logger };
}
