import { randomBytes } from 'node:crypto';
import net from 'node:net';
import amqp from 'amqplib';
import { DEFAULT_AMQP_URL } from '../../solutions/04-messaging/common/messaging/broker-url';
import { UsageError } from './paths';

// One default broker URL: the one the services fall back to (chapter 04 brought the broker in).
export { DEFAULT_AMQP_URL };

/** Can a TCP connection be made to host:port within the timeout? */
export function canConnect(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const HOW_TO_GET_RABBITMQ = [
  'Start one of these, then retry:',
  '  • Debian/Ubuntu:  sudo apt-get install -y rabbitmq-server && sudo rabbitmq-server -detached',
  '  • Docker:         AMQP_PASSWORD=pick-one docker compose up -d rabbitmq',
  '                    then run with AMQP_URL=amqp://lean:pick-one@127.0.0.1:5672',
  '  • elsewhere:      set AMQP_URL=amqp://user:pass@host:5672 to a broker you have',
].join('\n');

/** Refuses to start a chapter whose supporting servers are not reachable, saying how to get them. */
export async function checkServers(servers: string[]): Promise<void> {
  for (const server of servers) {
    if (server === 'rabbitmq') {
      const url = new URL(process.env.AMQP_URL ?? DEFAULT_AMQP_URL);
      if (!(await canConnect(url.hostname, Number(url.port || 5672)))) {
        throw new UsageError(`RabbitMQ is not reachable at ${url.host}.\n${HOW_TO_GET_RABBITMQ}`);
      }
    }
  }
}

/** The broker objects a run's services use (the dead-letter pair is named after them: .dlx, .dlq). */
export interface BrokerNames {
  exchange: string;
  queue: string;
  bus: string;
  /** Chapter 07 on: where instances announce themselves. */
  discovery?: string;
}

/**
 * VIP work queue and exchange names of a run of its own (and the env the services read them from),
 * so runs beside each other on one broker never meet; `remove()` deletes them afterwards.
 */
export function ownBrokerNames(
  label: string,
  { discovery = false } = {},
): { names: BrokerNames; env: Record<string, string>; remove(): Promise<void> } {
  const name = `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const names: BrokerNames = {
    exchange: `${name}.vip`,
    queue: `${name}.vip_queue`,
    bus: `${name}.bus`,
    ...(discovery ? { discovery: `${name}.discovery` } : {}),
  };
  return {
    names,
    env: {
      ...(process.env.AMQP_URL ? { AMQP_URL: process.env.AMQP_URL } : {}),
      VIP_EXCHANGE: names.exchange,
      VIP_QUEUE: names.queue,
      SPRING_CLOUD_BUS_DESTINATION: names.bus,
      ...(names.discovery ? { DISCOVERY_EXCHANGE: names.discovery } : {}),
    },
    remove: () => deleteBrokerObjects(names, label),
  };
}

/** Deletes a run's queues and exchanges, the dead-letter pair included. */
export async function deleteBrokerObjects(names: BrokerNames, label = 'workshop'): Promise<void> {
  const { exchange, queue, bus, discovery } = names;
  const url = process.env.AMQP_URL ?? DEFAULT_AMQP_URL;
  const connection = await amqp.connect(url, { clientProperties: { connection_name: `${label} clean-up` } });
  try {
    const channel = await connection.createChannel();
    for (const q of [queue, `${queue}.dlq`]) await channel.deleteQueue(q);
    for (const x of [exchange, `${exchange}.dlx`, bus, ...(discovery ? [discovery] : [])])
      await channel.deleteExchange(x);
  } finally {
    await connection.close().catch(() => undefined);
  }
}
