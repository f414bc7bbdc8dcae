/**
 * Resilience for calls to other services: one opossum circuit breaker per dependency (timeout that
 * aborts the request, error/volume thresholds, reset timeout, a bulkhead that rejects instead of
 * queueing, a fallback), bounded retries for idempotent calls, settings that change live, and
 * goblog's fallbacks.
 */
export {
  BREAKER_EVENTS,
  type BreakerEvent,
  type BreakerEventName,
  type BreakerListener,
  type BreakerSnapshot,
  type BreakerState,
} from './breaker-events';
export { breakersHandler } from './breakers-route';
export type { Fallback, Work } from './dependency-breaker';
export { FALLBACK_QUOTE, PLACEHOLDER_IMAGE_URL, fallbackImage } from './fallbacks';
export { type LiveSource, followBreakerSettings } from './live-settings';
export { type GetJson, HttpStatusError, balancedGetJson, getJson, isRetryable } from './get-json';
export { type ReplicaSetOptions, type Resolve, ReplicaSet, resolveByDns } from './replicas';
export { BreakerRegistry, type DependencyBreaker } from './registry';
export { type RetryPolicy, fullJitterDelay, sleep, withRetry } from './retry';
export { RetryBudget, type RetryBudgetOptions } from './retry-budget';
export { BreakerSettingsSchema, DEFAULT_BREAKER_SETTINGS, type BreakerSettings } from './settings';
