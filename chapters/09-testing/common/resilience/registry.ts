import type { BreakerListener, BreakerSnapshot, BreakerState } from './breaker-events';
import {
  type Fallback,
  type OpossumBreaker,
  type Work,
  createOpossumBreaker,
  setLiveOptions,
  snapshotOf,
  stateOf,
} from './dependency-breaker';
import { type BreakerSettings, DEFAULT_BREAKER_SETTINGS, LIVE_IN_PLACE, changedKeys } from './settings';

/** The breaker that guards one dependency, shared by every call to it. */
export interface DependencyBreaker {
  readonly name: string;
  /** Runs `work` through the breaker; `fallback` answers when it fails, times out or is rejected. */
  call<T>(work: Work<T>, fallback: Fallback<T>): Promise<T>;
  readonly state: BreakerState;
  snapshot(): BreakerSnapshot;
}

interface Entry {
  breaker: OpossumBreaker;
  settings: BreakerSettings;
}

/**
 * One breaker PER DEPENDENCY, made on first use and kept: the error share, the open state and the
 * bulkhead only mean something when every call to quotes-service goes through the same breaker (a
 * breaker per call never sees more than one failure). Settings come from `settingsOf(name)` and can
 * be changed live with `applySettings`.
 */
export class BreakerRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<BreakerListener>();

  constructor(private readonly settingsOf: (name: string) => BreakerSettings = () => DEFAULT_BREAKER_SETTINGS) {}

  /** The breaker for `name`, the same object on every call. */
  breaker(name: string): DependencyBreaker {
    if (!this.entries.has(name)) this.entries.set(name, this.build(name, this.settingsOf(name)));
    const entry = () => this.entries.get(name) as Entry;
    return {
      name,
      // Looked up per call: after a live swap new calls go to the new breaker.
      call: <T>(work: Work<T>, fallback: Fallback<T>) =>
        entry().breaker.fire(work, new AbortController(), fallback) as Promise<T>,
      get state() {
        return stateOf(entry().breaker);
      },
      snapshot: () => snapshotOf(name, entry().breaker, entry().settings),
    };
  }

  /**
   * Applies new settings to a running breaker. opossum reads timeout, error threshold and reset
   * timeout from its options on every call, so those change in place (the rolling window and the
   * state are kept). The bulkhead's capacity and the volume threshold are fixed when a breaker is
   * built: then a new breaker takes over, open if the old one was; calls in flight finish on the old.
   */
  applySettings(name: string, settings: BreakerSettings): 'unchanged' | 'in-place' | 'replaced' {
    const entry = this.entries.get(name);
    if (!entry) return 'unchanged'; // built from settingsOf(name) on first use
    const changed = changedKeys(entry.settings, settings);
    if (changed.length === 0) return 'unchanged';
    if (changed.every((key) => LIVE_IN_PLACE.includes(key))) {
      setLiveOptions(entry.breaker, settings);
      entry.settings = settings;
      return 'in-place';
    }
    const next = this.build(name, settings);
    if (entry.breaker.opened) next.breaker.open();
    this.entries.set(name, next);
    // The old breaker takes no new calls; shutdown() also stops its timers (its in-flight calls still settle).
    entry.breaker.shutdown();
    return 'replaced';
  }

  /** Every breaker made so far. */
  snapshot(): BreakerSnapshot[] {
    return [...this.entries.keys()].map((name) => this.breaker(name).snapshot());
  }

  /** Every event of every breaker (metrics, the stream); returns the unsubscribe function. */
  onEvent(listener: BreakerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops every breaker's timers (at service shutdown and at the end of tests). */
  shutdown(): void {
    for (const { breaker } of this.entries.values()) breaker.shutdown();
  }

  private build(name: string, settings: BreakerSettings): Entry {
    const breaker = createOpossumBreaker(name, settings, (event) => {
      // A replaced breaker's late events (its last calls settling) are not reported: the new one is the truth.
      if (this.entries.get(name)?.breaker !== breaker && this.entries.has(name)) return;
      for (const listener of this.listeners) listener(event);
    });
    return { breaker, settings };
  }
}
