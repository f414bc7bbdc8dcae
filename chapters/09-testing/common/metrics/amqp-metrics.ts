import { Counter, type Registry } from 'prom-client';

export type PublishOutcome = 'confirmed' | 'failed';
export type ConsumeOutcome = 'ack' | 'nack' | 'dead-lettered';

/** Counters for messages: call `published` after a publish settles, `consumed` after a message is settled. */
export function amqpMetrics(registry: Registry) {
  const published = new Counter({
    name: 'amqp_messages_published_total',
    help: 'Messages published, by exchange, routing key and outcome (confirmed by the broker or failed)',
    labelNames: ['exchange', 'routing_key', 'outcome'] as const,
    registers: [registry],
  });
  const consumed = new Counter({
    name: 'amqp_messages_consumed_total',
    help: 'Messages consumed, by queue and how they were settled',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  return {
    published: (exchange: string, routingKey: string, outcome: PublishOutcome = 'confirmed') =>
      published.inc({ exchange, routing_key: routingKey, outcome }),
    consumed: (queue: string, outcome: ConsumeOutcome = 'ack') => consumed.inc({ queue, outcome }),
  };
}
