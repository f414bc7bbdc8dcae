import { Counter, Gauge, type Registry } from 'prom-client';
import type { BreakerListener, BreakerState } from '../resilience';

/** What breaker metrics need from common/resilience's BreakerRegistry. */
export interface BreakerEventSource {
  onEvent(listener: BreakerListener): () => void;
  snapshot(): Array<{ name: string; state: BreakerState }>;
}

export const BREAKER_STATES: BreakerState[] = ['closed', 'half-open', 'open'];

/**
 * Feeds opossum's events into Prometheus:
 * - `circuit_breaker_state{breaker,state}`: 1 for the breaker's current state, 0 for the others
 *   (Prometheus' "state set" shape: `circuit_breaker_state{state="open"} == 1` finds open breakers);
 * - `circuit_breaker_events_total{breaker,event}`: success, failure, timeout, reject, semaphoreLocked,
 *   fallback, open, halfOpen, close.
 * Returns the unsubscribe function.
 */
export function observeBreakers(registry: Registry, source: BreakerEventSource): () => void {
  const state = new Gauge({
    name: 'circuit_breaker_state',
    help: "A breaker's current state: 1 for the state it is in, 0 for the others",
    labelNames: ['breaker', 'state'] as const,
    registers: [registry],
    // At every scrape, too: a breaker made after this was wired shows up before its first event.
    collect() {
      for (const b of source.snapshot()) setState(b.name, b.state);
    },
  });
  const events = new Counter({
    name: 'circuit_breaker_events_total',
    help: 'Breaker events by kind (opossum names): success, failure, timeout, reject, semaphoreLocked, fallback, open, halfOpen, close',
    labelNames: ['breaker', 'event'] as const,
    registers: [registry],
  });
  const setState = (breaker: string, current: BreakerState) => {
    for (const s of BREAKER_STATES) state.set({ breaker, state: s }, s === current ? 1 : 0);
  };
  return source.onEvent(({ breaker, event, state: current }) => {
    events.inc({ breaker, event });
    setState(breaker, current);
  });
}
