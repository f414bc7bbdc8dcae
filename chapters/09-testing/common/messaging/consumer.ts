import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { BrokerConnection, ConnectionClient } from './broker-connection';
import { InvalidMessageError, RetryableError } from './errors';
import { type MessagingLogger, consoleLogger } from './logger';
import { ProcessedIds } from './processed-ids';

export interface Delivery {
  messageId: string;
  /** The broker delivered this message before (to this or another consumer) without an ack. */
  redelivered: boolean;
  routingKey: string;
  /** The message's AMQP headers (chapter 05: `x-request-id`, the request that caused it). */
  headers: Record<string, unknown>;
}

export interface ConsumerOptions<T> {
  queue: string;
  /** Declares the queue and what it needs (the same topology the publisher declares), on every connection. */
  declare: (channel: Channel) => Promise<void>;
  /** Turns the body into a message; throw (InvalidMessageError) for one that is malformed or invalid. */
  parse: (content: Buffer, message: ConsumeMessage) => T;
  /** Does the work. Resolve: done (acked). Throw RetryableError: requeued if it was a first delivery. Throw anything else: dead-lettered. */
  handle: (payload: T, delivery: Delivery) => Promise<void> | void;
  /** Which id makes a message "the same message" again. Default: the `messageId` property (required). */
  idOf?: (payload: T, message: ConsumeMessage) => string | undefined;
  /** Unacked messages the broker may push to this consumer at once. Default 10. */
  prefetch?: number;
  /** Remembers handled ids to skip redeliveries; pass one to share it. Default: the last 10 000. */
  processedIds?: ProcessedIds;
  /** How long stop() waits for handlers still running. Default 10 000 ms. */
  stopGraceMs?: number;
  logger?: MessagingLogger;
}

export interface ConsumerStats {
  /** Deliveries received (redeliveries included). */
  received: number;
  /** Handler succeeded and the message was acked. */
  processed: number;
  /** Acked without running the handler: this id was handled already. */
  duplicates: number;
  /** Requeued once after a RetryableError. */
  requeued: number;
  /** Rejected without requeue: the broker moves them to the dead-letter exchange. */
  deadLettered: number;
  /** Handlers running now. */
  inFlight: number;
}

/** What became of a delivery: it could not be read, its id was handled already, its handler succeeded or threw. */
export type HandlerOutcome =
  { kind: 'unreadable'; error: Error } | { kind: 'duplicate' } | { kind: 'handled' } | { kind: 'failed'; error: Error };

/** How to settle a delivery with the broker, which counter it adds to, and what to log (after "message ID "). */
export interface Fate {
  settle: 'ack' | 'requeue' | 'reject';
  count: 'processed' | 'duplicates' | 'requeued' | 'deadLettered';
  log?: string;
}

/**
 * The fate of a delivery: handled or a duplicate → ack; unreadable → rejected without requeue (the
 * queue's dead-letter exchange keeps it); a RetryableError on a first delivery → requeued once;
 * any other failure, or a retry that failed again → dead-lettered.
 */
export function deliveryFate(outcome: HandlerOutcome, redelivered: boolean): Fate {
  const deadLettered = 'rejected (to the dead-letter exchange, if any)';
  switch (outcome.kind) {
    case 'handled':
      return { settle: 'ack', count: 'processed' };
    case 'duplicate':
      return { settle: 'ack', count: 'duplicates' };
    case 'unreadable':
      return { settle: 'reject', count: 'deadLettered', log: `${deadLettered}: unreadable: ${outcome.error.message}` };
    case 'failed':
      if (outcome.error instanceof RetryableError && !redelivered) {
        return { settle: 'requeue', count: 'requeued', log: `requeued once: ${outcome.error.message}` };
      }
      return {
        settle: 'reject',
        count: 'deadLettered',
        log: `${deadLettered}: handler failed: ${outcome.error.message}`,
      };
  }
}

/**
 * Consumes a queue the way RabbitMQ's reliability guide asks: manual acknowledgements sent only
 * after the handler has done its work, a prefetch limit, and a clear fate for every message —
 * processed and acked; malformed or failed for good → rejected without requeue (the queue's
 * dead-letter exchange keeps it); a RetryableError → requeued once, then dead-lettered. Handling
 * is idempotent by message id: a redelivery of a message already handled is acked without running
 * the handler again. It re-subscribes after every reconnect; stop() cancels the subscription and
 * lets running handlers finish and ack before the channel closes.
 */
export class Consumer<T> implements ConnectionClient {
  private readonly logger: MessagingLogger;
  private readonly processedIds: ProcessedIds;
  private readonly counts = { received: 0, processed: 0, duplicates: 0, requeued: 0, deadLettered: 0 };
  private readonly inFlight = new Set<Promise<void>>();
  private readonly settled = new WeakSet<ConsumeMessage>();
  private channel: Channel | undefined;
  private consumerTag: string | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: ConsumerOptions<T>,
  ) {
    this.logger = options.logger ?? consoleLogger;
    this.processedIds = options.processedIds ?? new ProcessedIds();
    connection.use(this);
  }

  get stats(): ConsumerStats {
    return { ...this.counts, inFlight: this.inFlight.size };
  }

  /** Subscribed on a live channel right now. */
  get consuming(): boolean {
    return this.consumerTag !== undefined && this.channel !== undefined;
  }

  async attach(model: ChannelModel): Promise<void> {
    if (this.stopping) return;
    const channel = await model.createChannel();
    channel.on('error', (err: Error) =>
      this.logger.warn(`consumer ${this.options.queue}: channel error: ${err.message}`),
    );
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      this.consumerTag = undefined;
      if (!this.stopping) this.connection.recycle(model, `consumer channel on ${this.options.queue} closed`);
    });
    await this.options.declare(channel);
    const prefetch = this.options.prefetch ?? 10;
    await channel.prefetch(prefetch);
    this.channel = channel;
    const { consumerTag } = await channel.consume(this.options.queue, (message) => this.onMessage(channel, message), {
      noAck: false,
    });
    this.consumerTag = consumerTag;
    this.logger.info(`consumer ${this.options.queue}: consuming (prefetch ${prefetch})`);
  }

  /** Stops consuming, waits (bounded) for running handlers to finish and ack, closes the channel. */
  detach(): Promise<void> {
    this.stopped ??= this.stop();
    return this.stopped;
  }

  /** Stops this consumer alone (the connection stays for its other clients). */
  close(): Promise<void> {
    return this.detach();
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    const graceMs = this.options.stopGraceMs ?? 10_000;
    const finished = await settleWithin([...this.inFlight], graceMs);
    if (!finished) {
      this.logger.warn(
        `consumer ${this.options.queue}: ${this.inFlight.size} message(s) still being handled after ${graceMs} ms; ` +
          'unacked, they go back to the queue',
      );
    }
    this.channel = undefined;
    await channel?.close().catch(() => undefined);
  }

  private onMessage(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled us (the queue was deleted): set up again on a fresh connection.
      this.logger.warn(`consumer ${this.options.queue}: cancelled by the broker`);
      if (!this.stopping && channel === this.channel) channel.close().catch(() => undefined);
      return;
    }
    this.counts.received += 1;
    const work = this.process(channel, message).catch((err: Error) =>
      this.logger.warn(`consumer ${this.options.queue}: ${err.message}`),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async process(channel: Channel, message: ConsumeMessage): Promise<void> {
    let payload: T;
    let messageId: string | undefined;
    try {
      payload = this.options.parse(message.content, message);
      messageId = this.options.idOf ? this.options.idOf(payload, message) : message.properties.messageId;
      if (!messageId) throw new InvalidMessageError('it has no message id, so it cannot be handled idempotently');
    } catch (err) {
      this.apply(
        channel,
        message,
        deliveryFate({ kind: 'unreadable', error: err as Error }, message.fields.redelivered),
      );
      return;
    }
    const delivery: Delivery = {
      messageId,
      redelivered: message.fields.redelivered,
      routingKey: message.fields.routingKey,
      headers: message.properties.headers ?? {},
    };
    // The fate is decided only once the handler has finished: an ack sent earlier would tell the broker
    // to forget a message this process may still lose.
    let outcome: HandlerOutcome;
    try {
      const ran = await this.processedIds.once(messageId, () => this.options.handle(payload, delivery));
      outcome = ran ? { kind: 'handled' } : { kind: 'duplicate' };
    } catch (err) {
      outcome = { kind: 'failed', error: err as Error };
    }
    this.apply(channel, message, deliveryFate(outcome, delivery.redelivered));
  }

  private apply(channel: Channel, message: ConsumeMessage, fate: Fate): void {
    this.counts[fate.count] += 1;
    if (fate.log) {
      const id = message.properties.messageId ?? `#${message.fields.deliveryTag}`;
      this.logger.warn(`consumer ${this.options.queue}: message ${id} ${fate.log}`);
    }
    this.settle(channel, message, fate.settle);
  }

  /** Acks or rejects once; on a channel that is gone it does nothing (the broker redelivers the message). */
  private settle(channel: Channel, message: ConsumeMessage, outcome: 'ack' | 'requeue' | 'reject'): void {
    if (this.settled.has(message)) return;
    this.settled.add(message);
    if (channel !== this.channel) return;
    try {
      if (outcome === 'ack') channel.ack(message);
      else channel.nack(message, false, outcome === 'requeue');
    } catch {
      // The channel closed between the check and the call: same as above.
    }
  }
}

/** true when every promise settled within `ms`. */
async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const all = Promise.allSettled(promises).then(() => true as const);
  const result = await Promise.race([all, timeout]);
  clearTimeout(timer);
  return result;
}
