import {
  type BreakerRegistry,
  FALLBACK_QUOTE,
  ReplicaSet,
  type RetryBudget,
  balancedGetJson,
  isRetryable,
  withRetry,
} from '../../../common/resilience';

import type { Quote } from '../model';

export interface QuoteClientOptions {
  /**
   * quotes-service's base URL: in Swarm http://tasks.quotes-service:8080, a name that resolves to
   * every replica, so the client balances over kept-alive connections; locally http://127.0.0.1:8080.
   */
  baseUrl: string;
  registry: BreakerRegistry;
  /** Shared by every call to quotes-service: retries stay a bounded share of the calls. */
  budget: RetryBudget;
  /** Attempts per call, the first included (goblog: 3). */
  maxAttempts?: number;
  /** How much CPU each quote costs quotes-service; a function is read on every call (live config). */
  strength?: number | (() => number);
}

/** The breaker's name: the dependency, as in config (`breakers.quotes-service.*`) and metrics. */
export const QUOTES_BREAKER = 'quotes-service';

/**
 * Fetches a quote through quotes-service's breaker: a GET is idempotent, so failed attempts are
 * retried (inside the breaker, see common/resilience/NOTES); when the call still fails, times out,
 * or the breaker is open or full, goblog's fallback quote answers instead. Never rejects.
 */
export function quoteClient({ baseUrl, registry, budget, maxAttempts = 3, strength = 4 }: QuoteClientOptions) {
  const strengthNow = typeof strength === 'function' ? strength : () => strength;
  const policy = { maxAttempts, baseDelayMs: 50, maxDelayMs: 400, budget, retryable: isRetryable };
  // Each call (each retry too) goes to the next replica over its kept-alive connections.
  const getJson = balancedGetJson(new ReplicaSet({ url: baseUrl }));
  // Quote | undefined: the account's JSON has no quote when there is none (chapter 02); behind the
  // breaker there always is one, the fallback at worst.
  return function fetchQuote(): Promise<Quote | undefined> {
    const path = `/api/quote?strength=${strengthNow()}`;
    return registry.breaker(QUOTES_BREAKER).call(
      (signal) => withRetry((s) => getJson<Quote>(path, s), policy, signal),
      () => ({ ...FALLBACK_QUOTE }),
    );
  };
}
