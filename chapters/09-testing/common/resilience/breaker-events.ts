/** What a breaker is doing: closed (calls pass), open (calls get the fallback at once), half-open (one trial call). */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The opossum events worth counting, under their opossum names. */
export const BREAKER_EVENTS = [
  'success',
  'failure',
  'timeout',
  'reject',
  'semaphoreLocked',
  'fallback',
  'open',
  'halfOpen',
  'close',
] as const;

export type BreakerEventName = (typeof BREAKER_EVENTS)[number];

export interface BreakerEvent {
  /** The dependency the breaker guards ("quotes-service"). */
  breaker: string;
  event: BreakerEventName;
  /** The state after the event. */
  state: BreakerState;
  /** How long the call took, for success/failure/timeout. */
  latencyMs?: number;
}

export type BreakerListener = (event: BreakerEvent) => void;

/** One breaker's state and counts in the rolling window, as GET /breakers and the stream show it. */
export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  /** Calls in flight against the capacity (the bulkhead). */
  inFlight: number;
  capacity: number;
  window: {
    fires: number;
    successes: number;
    failures: number;
    timeouts: number;
    rejects: number;
    semaphoreRejections: number;
    fallbacks: number;
  };
}
