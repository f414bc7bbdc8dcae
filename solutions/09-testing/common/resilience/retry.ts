import { RetryBudget } from './retry-budget';

export interface RetryPolicy {
  /** Attempts in all, the first included (goblog: 3). 1 means no retry. */
  maxAttempts: number;
  /** The backoff's base: the cap of the first wait; it doubles per attempt. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Shared by every call to one dependency: bounds retries to a share of the calls. */
  budget: RetryBudget;
  /** Which failures are worth another attempt (default: all). A 4xx answer is not. */
  retryable?: (err: unknown) => boolean;
}

export interface RetryOutcome {
  attempts: number;
}

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): a random wait from 0 to
 * min(max, base × 2^retry), so many clients that failed together do not retry in lock-step.
 */
export function fullJitterDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random = Math.random,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}

/**
 * Runs `attempt` until it succeeds, at most `maxAttempts` times, waiting with exponential backoff
 * and full jitter, and only while the retry budget allows and `signal` (the breaker's timeout) has
 * not fired. Only for IDEMPOTENT calls (a GET): retrying a POST could do its work twice.
 */
export async function withRetry<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  random: () => number = Math.random,
): Promise<T> {
  policy.budget.deposit();
  // @exercise retry-policy: Call attempt(signal); on a failure retry with full-jitter backoff while attempts remain, the error is retryable, the signal has not fired and the budget allows it (tryWithdraw); otherwise rethrow the last error.
  // @hint Try; after a failure, another attempt needs all four: attempts left, a failure worth retrying, the breaker's deadline not passed, and the shared budget willing. Wait a random time whose ceiling doubles with each retry, and give up with the last error if the deadline fires while waiting.
  // @hint-api for (let n = 1; ; n++) with try/catch; policy.retryable?.(err) ?? true; signal.aborted; policy.budget.tryWithdraw(); await sleep(fullJitterDelay(n - 1, policy, random), signal).
  for (let n = 1; ; n++) {
    try {
      return await attempt(signal);
    } catch (err) {
      const again =
        n < policy.maxAttempts && !signal.aborted && (policy.retryable?.(err) ?? true) && policy.budget.tryWithdraw();
      if (!again) throw err;
      await sleep(fullJitterDelay(n - 1, policy, random), signal);
      if (signal.aborted) throw err;
    }
  }
  // @starter
  // void random; // for fullJitterDelay(retry, policy, random)
  // return attempt(signal);
  // @end
}

/** Waits `ms`, or less if `signal` fires (never rejects: the caller looks at the signal). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
