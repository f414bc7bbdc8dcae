import type { BrokerConnection } from '../../broker-connection';
import { type BusEvent, busIdFor } from '../../bus/bus-event';
import { BusListener } from '../../bus/bus-listener';
import { recordingLogger } from './broker';

/** A bus listener for `application` that records the refresh events it is handed. */
export function recordingListener(connection: BrokerConnection, application: string, exchange: string) {
  const refreshes: BusEvent[] = [];
  const busId = busIdFor(application, 'test', 0);
  const listener = new BusListener(connection, {
    busId,
    exchange,
    logger: recordingLogger(),
    onRefresh: (event) => void refreshes.push(event),
  });
  return { listener, refreshes, busId };
}
