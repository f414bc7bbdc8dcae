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

/**
 * VIP work queue and bus exchange names of a run of its own (as env the services read), so runs
 * beside each other on one broker never meet, and how to delete them afterwards.
 */
export function ownBrokerNames(label: string): { env: Record<string, string>; remove(): Promise<void> } {
  const name = `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const [exchange, queue, bus] = [`${name}.vip`, `${name}.vip_queue`, `${name}.bus`];
  const url = process.env.AMQP_URL ?? DEFAULT_AMQP_URL;
  return {
    env: {
      ...(process.env.AMQP_URL ? { AMQP_URL: url } : {}),
      VIP_EXCHANGE: exchange,
      VIP_QUEUE: queue,
      SPRING_CLOUD_BUS_DESTINATION: bus,
    },
    async remove() {
      const connection = await amqp.connect(url, { clientProperties: { connection_name: `${label} clean-up` } });
      try {
        const channel = await connection.createChannel();
        for (const q of [queue, `${queue}.dlq`]) await channel.deleteQueue(q);
        for (const x of [exchange, `${exchange}.dlx`, bus]) await channel.deleteExchange(x);
      } finally {
        await connection.close().catch(() => undefined);
      }
    },
  };
}
