export interface RetryOptions {
  /** Wait before the second attempt. */
  initialDelayMs: number;
  /** Each wait is this many times the previous one… */
  multiplier: number;
  /** …but never longer than this. */
  maxDelayMs: number;
  /** Give up when the next attempt would start later than this after the first. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  initialDelayMs: 250,
  multiplier: 1.5,
  maxDelayMs: 2000,
  maxWaitMs: 30_000,
};

export interface RetryProgress {
  /** The attempt that just failed (1 = the first). */
  attempt: number;
  error: Error;
  delayMs: number;
  elapsedMs: number;
}

/**
 * Calls `attempt` until it succeeds, waiting longer after each failure (exponential backoff,
 * capped), for at most `maxWaitMs`. An error `isRetryable` says no to is thrown at once; when
 * time is up, the last error is thrown.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: RetryOptions,
  isRetryable: (error: Error) => boolean,
  onRetry: (progress: RetryProgress) => void,
): Promise<T> {
  const started = Date.now();
  let delayMs = options.initialDelayMs;
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (err) {
      const error = err as Error;
      const elapsedMs = Date.now() - started;
      if (!isRetryable(error) || elapsedMs + delayMs > options.maxWaitMs) throw error;
      onRetry({ attempt: count, error, delayMs, elapsedMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(Math.round(delayMs * options.multiplier), options.maxDelayMs);
    }
  }
}
