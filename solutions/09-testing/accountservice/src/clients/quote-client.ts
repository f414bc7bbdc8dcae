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
    // @exercise breaker-fallback: Call quotes-service through the registry's 'quotes-service' breaker (one per dependency, not a new breaker per call): the work is the GET retried by withRetry under `policy`, passing on the breaker's signal; the fallback is a copy of FALLBACK_QUOTE.
    // @hint Every call to quotes-service must go through the one breaker that guards it, or its failures never add up. The breaker hands the work a signal that fires at its timeout; the retries run inside, under that signal; whatever goes wrong, goblog's fallback quote answers (a copy, never the shared object).
    // @hint-api registry.breaker(QUOTES_BREAKER).call(work, fallback); work = (signal) => withRetry((s) => getJson<Quote>(path, s), policy, signal); fallback = () => ({ ...FALLBACK_QUOTE }).
    return registry.breaker(QUOTES_BREAKER).call(
      (signal) => withRetry((s) => getJson<Quote>(path, s), policy, signal),
      () => ({ ...FALLBACK_QUOTE }),
    );
    // @starter
    // void [registry, policy, FALLBACK_QUOTE, withRetry]; // what you will need
    // // No breaker, no retry, no fallback yet: a quote while quotes-service answers, none when it does not.
    // return getJson<Quote>(path, new AbortController().signal).catch(() => undefined);
    // @end
  };
}
