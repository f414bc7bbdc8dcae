import cluster from 'node:cluster';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { instanceAddress } from '../http';
import type { BrokerConnection } from '../messaging';
import { announceInstance } from './announcer';
import { brokerDiscovery } from './broker-discovery';

export interface JoinOptions {
  service: string;
  /** The same id as the metrics' instance_id ("10.0.0.5", "127.0.0.1#2"). */
  instance: string;
  app: Express;
  /** Where the service listens (server.host, the port it got). */
  host: string;
  port: number;
  exchange: string;
  log?: (line: string) => void;
}

/**
 * Announces this instance on the discovery exchange (up now, on every reconnect and every 10 s; down
 * at `leave`) with a URL that reaches THIS instance: the aggregator reads its /breakers there and
 * Prometheus its /metrics. In Swarm that is the task's own IP. Local replicas share one port behind
 * a node:cluster primary that hands each connection to the next replica, so a replica also listens
 * on a port of its own (exclusive: not shared through the primary).
 */
export async function joinDiscovery(
  broker: BrokerConnection,
  options: JoinOptions,
): Promise<{ url: string; leave(): Promise<void> }> {
  const own = cluster.isWorker ? await listenAlone(options.app) : undefined;
  const local = options.host === '127.0.0.1' || options.host === 'localhost';
  const url = own
    ? `http://127.0.0.1:${(own.address() as AddressInfo).port}`
    : `http://${local ? '127.0.0.1' : instanceAddress()}:${options.port}`;
  // Every (re)connect announces at once; set once the announcer exists.
  const reconnected = { announce: () => undefined as unknown };
  const bus = brokerDiscovery(broker, options.exchange, {
    onConnected: () => reconnected.announce(),
    log: options.log,
  });
  const announcer = await announceInstance(
    (a) => bus.publish(a),
    { service: options.service, instance: options.instance, url },
    { log: () => undefined }, // not connected yet: the connect announces
  );
  reconnected.announce = () => void announcer.announce();
  return {
    url,
    async leave() {
      await announcer.stop();
      await bus.close();
      if (own)
        await new Promise((resolve) => {
          own.close(resolve);
          own.closeAllConnections();
        });
    },
  };
}

function listenAlone(app: Express): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve(server));
  });
}
