import type { Channel } from 'amqplib';

/**
 * The broker objects a work queue needs, declared the same way by the publisher and the consumer
 * (whichever starts first creates them; declaring again is a no-op):
 *
 *   exchange ──routingKey──▶ queue ──(rejected)──▶ deadLetterExchange ──▶ deadLetterQueue
 */
export interface WorkQueueTopology {
  exchange: string;
  exchangeType: 'topic' | 'direct';
  routingKey: string;
  queue: string;
  deadLetterExchange: string;
  deadLetterQueue: string;
}

export interface WorkQueueNames {
  exchange: string;
  exchangeType?: 'topic' | 'direct';
  routingKey: string;
  queue: string;
}

/** The names of a work queue; the dead-letter exchange and queue are named after it (`.dlx`, `.dlq`). */
export function workQueueTopology({ exchange, exchangeType = 'topic', routingKey, queue }: WorkQueueNames) {
  const topology: WorkQueueTopology = {
    exchange,
    exchangeType,
    routingKey,
    queue,
    deadLetterExchange: `${exchange}.dlx`,
    deadLetterQueue: `${queue}.dlq`,
  };
  return topology;
}

/**
 * Declares the topology idempotently: everything durable, so it outlives a broker restart
 * (messages survive too when published persistent). Declaring an existing object with other
 * settings fails with PRECONDITION_FAILED: a queue's arguments cannot change once it exists.
 */
export async function declareWorkQueue(channel: Channel, topology: WorkQueueTopology): Promise<void> {
  try {
    await declareAll(channel, topology);
  } catch (err) {
    throw explained(err as Error, topology);
  }
}

/** PRECONDITION_FAILED usually means an earlier run (the solution, or the starter) declared it differently. */
function explained(err: Error, { queue, deadLetterQueue }: WorkQueueTopology): Error {
  if (!/PRECONDITION_FAILED/.test(err.message)) return err;
  return new Error(
    `${err.message} — it already exists with other settings, declared by other code earlier (the solution, or ` +
      `your starter). Delete it and let it be declared again: rabbitmqctl delete_queue ${queue} (and ${deadLetterQueue}), ` +
      `or use other names (env VIP_QUEUE, VIP_EXCHANGE).`,
  );
}

async function declareAll(channel: Channel, topology: WorkQueueTopology): Promise<void> {
  const { exchange, exchangeType, routingKey, queue, deadLetterExchange, deadLetterQueue } = topology;
  await channel.assertExchange(exchange, exchangeType, { durable: true });
  await channel.assertExchange(deadLetterExchange, 'fanout', { durable: true });
  await channel.assertQueue(deadLetterQueue, { durable: true });
  await channel.bindQueue(deadLetterQueue, deadLetterExchange, '');
  await channel.assertQueue(queue, { durable: true, deadLetterExchange });
  await channel.bindQueue(queue, exchange, routingKey);
}
