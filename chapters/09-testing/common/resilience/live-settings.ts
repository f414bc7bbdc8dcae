import type { BreakerRegistry } from './registry';
import type { BreakerSettings } from './settings';

/** The part of common/config's LiveConfig this needs: the current config and a change listener. */
export interface LiveSource<C> {
  readonly current: C;
  onChange(listener: (config: C, changed: string[]) => void): () => void;
}

/**
 * Keeps the registry's breakers in step with the configuration: after a refresh (POST
 * /actuator/refresh, or the Spring Cloud Bus) that changed `breakers.*`, every named dependency
 * gets its new settings. Returns the unsubscribe function.
 */
export function followBreakerSettings<C>(
  registry: BreakerRegistry,
  config: LiveSource<C>,
  settingsIn: (config: C) => Record<string, BreakerSettings>,
  log: (line: string) => void = console.log,
): () => void {
  return config.onChange((next, changed) => {
    if (!changed.some((key) => key.startsWith('breakers.'))) return;
    for (const [name, settings] of Object.entries(settingsIn(next))) {
      const outcome = registry.applySettings(name, settings);
      if (outcome !== 'unchanged') log(`breaker ${name}: new settings applied (${outcome})`);
    }
  });
}
