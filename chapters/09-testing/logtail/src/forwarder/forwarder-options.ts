import type { LogLine } from '../log-line';
import type { PostOutcome } from './post-batch';

export interface ForwarderOptions {
  /** The sink, e.g. Loki's http://loki:3100/loki/api/v1/push. */
  url: string;
  /** Lines per POST; a full batch goes at once. */
  batchSize: number;
  /** A partial batch waits at most this long. */
  intervalMs: number;
  /** Lines held while the sink is slow or down; beyond it new lines are dropped and counted. */
  queueLimit: number;
  /** One POST's time limit. */
  timeoutMs: number;
  /** Waits between retries: initialMs, doubling, at most maxMs. */
  backoff: { initialMs: number; maxMs: number };
  log: { info(message: string): void; warn(message: string): void };
  /** How a batch is sent (tests may replace it). */
  post?: (url: string, lines: readonly LogLine[], timeoutMs: number) => Promise<PostOutcome>;
}

export interface ForwarderStats {
  forwarded: number;
  queued: number;
  dropped: number;
}
