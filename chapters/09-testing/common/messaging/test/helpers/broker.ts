import { randomBytes } from 'node:crypto';
import amqp, { type Channel, type GetMessage } from 'amqplib';
import type { MessagingLogger } from '../../logger';
import { DEFAULT_AMQP_URL } from '../../broker-url';
import type { WorkQueueTopology } from '../../topology';
import { vipTopology } from '../../vip/vip-notification';

/** The real broker every test uses (AMQP_URL overrides, as for the services). */
export const AMQP_URL = process.env.AMQP_URL ?? DEFAULT_AMQP_URL;

/** A name no other test run uses: several people (and the exercise checks) run these tests at once. */
export function uniqueName(label: string): string {
  return `test-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** A VIP-shaped work queue with names of its own. */
export function testTopology(label: string): WorkQueueTopology {
  const name = uniqueName(label);
  return vipTopology({ exchange: `${name}.x`, queue: `${name}.q`, routingKey: 'vip.account.read' });
}

/** Runs `work` on a channel of a short-lived connection of its own (inspection and clean-up). */
export async function withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(AMQP_URL, { clientProperties: { connection_name: 'test-inspector' } });
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined); // a failed operation rejects its promise; that is enough
    return await work(channel);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Deletes what declareWorkQueue created. */
export function deleteTopology(topology: WorkQueueTopology): Promise<void> {
  return withChannel(async (channel) => {
    await channel.deleteQueue(topology.queue);
    await channel.deleteQueue(topology.deadLetterQueue);
    await channel.deleteExchange(topology.exchange);
    await channel.deleteExchange(topology.deadLetterExchange);
  });
}

/** Messages ready in a queue (not those delivered and unacked). */
export function readyCount(queue: string): Promise<number> {
  return withChannel(async (channel) => (await channel.checkQueue(queue)).messageCount);
}

/** Takes every ready message out of a queue (acked: the queue ends empty). */
export function drain(queue: string): Promise<GetMessage[]> {
  return withChannel(async (channel) => {
    const messages: GetMessage[] = [];
    for (let message = await channel.get(queue); message; message = await channel.get(queue)) {
      channel.ack(message);
      messages.push(message);
    }
    return messages;
  });
}

/** Publishes raw bytes, as a foreign or broken publisher would (confirmed, so it surely arrived). */
export async function publishRaw(
  exchange: string,
  routingKey: string,
  body: string,
  messageId?: string,
): Promise<void> {
  const connection = await amqp.connect(AMQP_URL, { clientProperties: { connection_name: 'test-raw-publisher' } });
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, routingKey, Buffer.from(body), { persistent: true, ...(messageId ? { messageId } : {}) });
    await channel.waitForConfirms();
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Polls `check` until it returns true (or something other than false/undefined); fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | false | undefined | Promise<T | false | undefined>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false && result !== undefined) return result;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms: ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A logger that keeps its lines (print them with `dump` when a test fails). */
export function recordingLogger(): MessagingLogger & { lines: string[]; has(pattern: RegExp): boolean } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    has: (pattern) => lines.some((line) => pattern.test(line)),
  };
}
