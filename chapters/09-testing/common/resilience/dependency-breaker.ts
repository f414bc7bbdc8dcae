import CircuitBreaker from 'opossum';
import { BREAKER_EVENTS, type BreakerListener, type BreakerSnapshot, type BreakerState } from './breaker-events';
import type { BreakerSettings } from './settings';

/** The work a breaker guards: one call to the dependency that stops when `signal` aborts. */
export type Work<T> = (signal: AbortSignal) => Promise<T>;
/** What the caller gets instead when the call fails, times out, is rejected by the open breaker or the full bulkhead. */
export type Fallback<T> = (err: Error) => T | Promise<T>;

type Args = [Work<unknown>, AbortController, Fallback<unknown>];

/** Maps our settings to opossum's options. */
export function breakerOptions(name: string, s: BreakerSettings): CircuitBreaker.Options<Args> {
  return {
    name,
    timeout: s.timeoutMs,
    errorThresholdPercentage: s.errorThresholdPercentage,
    volumeThreshold: s.volumeThreshold,
    resetTimeout: s.resetTimeoutMs,
    capacity: s.capacity,
    rollingCountTimeout: s.rollingWindowMs,
    rollingCountBuckets: 10,
  };
}

/**
 * Builds the opossum breaker for one dependency. Every call gets its OWN AbortController (opossum's
 * `abortController` option is one controller shared by all concurrent calls, so one timeout would
 * abort every call in flight): opossum's `timeout` event carries the timed-out call's arguments,
 * and that call's controller is aborted, which cancels its HTTP request (fetch/axios `signal`).
 */
export function createOpossumBreaker(
  name: string,
  settings: BreakerSettings,
  emit: BreakerListener,
): CircuitBreaker<Args, unknown> {
  const breaker = new CircuitBreaker<Args, unknown>(
    (work, controller) => work(controller.signal),
    breakerOptions(name, settings),
  );
  breaker.fallback((_work: Work<unknown>, _controller: AbortController, fallback: Fallback<unknown>, err: Error) =>
    fallback(err),
  );
  // opossum's typings omit the arguments it passes to `timeout` listeners; the emitter has them.
  const emitter = breaker as unknown as NodeJS.EventEmitter;
  emitter.on('timeout', (err: Error, _latency: number, args: Args) => args[1].abort(err));
  for (const event of BREAKER_EVENTS) {
    // success/failure/timeout pass (result|error, latencyMs); the state events pass nothing we need.
    emitter.on(event, (_value: unknown, latency?: unknown) =>
      emit({
        breaker: name,
        event,
        state: stateOf(breaker),
        latencyMs: typeof latency === 'number' ? latency : undefined,
      }),
    );
  }
  return breaker;
}

export function stateOf(breaker: CircuitBreaker<Args, unknown>): BreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'half-open';
  return 'closed';
}

export function snapshotOf(
  name: string,
  breaker: CircuitBreaker<Args, unknown>,
  settings: BreakerSettings,
): BreakerSnapshot {
  const s = breaker.stats;
  return {
    name,
    state: stateOf(breaker),
    inFlight: settings.capacity - semaphoreCount(breaker, settings.capacity),
    capacity: settings.capacity,
    window: {
      fires: s.fires,
      successes: s.successes,
      failures: s.failures,
      timeouts: s.timeouts,
      rejects: s.rejects,
      semaphoreRejections: s.semaphoreRejections,
      fallbacks: s.fallbacks,
    },
  };
}

/** Free bulkhead slots (opossum keeps its semaphore on the instance; its typings do not name it). */
function semaphoreCount(breaker: CircuitBreaker<Args, unknown>, fallback: number): number {
  const semaphore = (breaker as unknown as { semaphore?: { count?: number } }).semaphore;
  return typeof semaphore?.count === 'number' ? semaphore.count : fallback;
}

export type OpossumBreaker = CircuitBreaker<Args, unknown>;

/** Changes what opossum reads from its options on every call (its typings do not expose `options`). */
export function setLiveOptions(breaker: OpossumBreaker, s: BreakerSettings): void {
  const options = (
    breaker as unknown as { options: { timeout: number; errorThresholdPercentage: number; resetTimeout: number } }
  ).options;
  options.timeout = s.timeoutMs;
  options.errorThresholdPercentage = s.errorThresholdPercentage;
  options.resetTimeout = s.resetTimeoutMs;
}
