import type { LogLine } from '../log-line';
import type { ForwarderOptions, ForwarderStats } from './forwarder-options';
import { postBatch } from './post-batch';

export type { ForwarderOptions, ForwarderStats };

/** Batches lines and POSTs them to the sink, retrying with backoff; the queue is bounded. */
export class Forwarder {
  private readonly queue: LogLine[] = [];
  private forwarded = 0;
  private dropped = 0;
  private failures = 0;
  private overflowing = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;

  constructor(private readonly options: ForwarderOptions) {}

  stats(): ForwarderStats {
    return { forwarded: this.forwarded, queued: this.queue.length, dropped: this.dropped };
  }

  /** Queues a line for the sink; false (and counted as dropped) when the queue is full. */
  enqueue(line: LogLine): boolean {
    // @exercise forwarder-queue: Keep at most queueLimit lines: when the queue is full, count the line as dropped (warn once per overflow) and refuse it; otherwise queue it and make sure a send is scheduled (at once for a full batch, unless the sink is failing).
    // @hint A full queue must refuse new lines rather than grow (count each refusal, warn once per overflow), and a batch that is already full should go out now instead of waiting for the timer.
    // @hint-api Compare this.queue.length with this.options.queueLimit; this.dropped += 1 and this.overflowing guard the warning; after push, a full batch with no failures calls this.schedule(0) after clearing this.timer, anything else this.schedule(this.options.intervalMs).
    if (this.stopped || this.queue.length >= this.options.queueLimit) {
      this.dropped += 1;
      if (!this.overflowing)
        this.options.log.warn(`sink queue full (${this.options.queueLimit} lines): dropping lines`);
      this.overflowing = true;
      return false;
    }
    this.queue.push(line);
    if (this.queue.length >= this.options.batchSize && this.failures === 0 && !this.sending) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.schedule(0);
    } else {
      this.schedule(this.options.intervalMs);
    }
    return true;
    // @starter
    // this.queue.push(line);
    // this.schedule(this.options.intervalMs);
    // return true;
    // @end
  }

  /**
   * At shutdown: stops the timer and keeps sending until the queue is empty or `deadlineMs` passed.
   * Lines still queued then are lost: counted as dropped and reported.
   */
  async flush(deadlineMs: number): Promise<ForwarderStats> {
    this.stopped = true;
    clearTimeout(this.timer);
    const until = Date.now() + deadlineMs;
    await this.sending;
    while (this.queue.length > 0 && Date.now() < until) {
      const sent = await this.sendBatch(Math.min(this.options.timeoutMs, until - Date.now()));
      if (!sent) await new Promise((resolve) => setTimeout(resolve, Math.min(this.retryDelay(), until - Date.now())));
    }
    if (this.queue.length > 0) {
      this.options.log.warn(`sink still unreachable at shutdown: ${this.queue.length} lines lost`);
      this.dropped += this.queue.splice(0).length;
    }
    return this.stats();
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.sending || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sending = this.sendBatch(this.options.timeoutMs).then(() => {
        this.sending = undefined;
        if (this.queue.length === 0) return;
        const full = this.queue.length >= this.options.batchSize;
        this.schedule(this.failures > 0 ? this.retryDelay() : full ? 0 : this.options.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private retryDelay(): number {
    const { initialMs, maxMs } = this.options.backoff;
    return Math.min(maxMs, initialMs * 2 ** Math.max(0, this.failures - 1));
  }

  /** Sends the oldest batch; it leaves the queue only once the sink took it (or refused it for good). */
  private async sendBatch(timeoutMs: number): Promise<boolean> {
    const batch = this.queue.slice(0, this.options.batchSize);
    if (batch.length === 0) return true;
    const result = await (this.options.post ?? postBatch)(this.options.url, batch, timeoutMs);
    if (result.outcome === 'failed') {
      if (this.failures === 0) this.options.log.warn(`sink unreachable (${result.reason}): queuing lines, retrying`);
      this.failures += 1;
      return false;
    }
    this.queue.splice(0, batch.length);
    if (result.outcome === 'rejected') {
      this.dropped += batch.length;
      this.options.log.warn(`sink refused a batch of ${batch.length} lines (${result.reason}): dropped`);
    } else {
      this.forwarded += batch.length;
    }
    if (this.failures > 0) this.options.log.info(`sink reachable again after ${this.failures} failed attempts`);
    this.failures = 0;
    if (this.overflowing && this.queue.length < this.options.queueLimit) {
      this.overflowing = false;
      this.options.log.info('sink queue has room again');
    }
    return true;
  }
}
