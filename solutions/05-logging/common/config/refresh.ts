import { isDeepStrictEqual } from 'node:util';
import type { Leaves } from './tree';

/** What POST /actuator/refresh answers. */
export interface RefreshResult {
  /** Keys whose new value is now in effect (safe to change live), sorted. */
  changed: string[];
  /** Keys whose value changed in the repository but keep the old one until the service restarts, sorted. */
  needsRestart: string[];
}

export interface RefreshPlan extends RefreshResult {
  /** The configuration to apply: the applied one with the live changes made. */
  leaves: Leaves;
}

export interface RefreshInput {
  /** The configuration in effect now. */
  applied: Leaves;
  /** The configuration just fetched (already merged, overridden and validated). */
  next: Leaves;
  /** Is this key safe to change while running? */
  isLive: (key: string) => boolean;
}

/** Values are equal when their structure is (lists item by item). */
export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}

/** Plans a refresh: what changed, what can be applied live, and what needs a restart. */
export function planRefresh(input: RefreshInput): RefreshPlan {
  // @exercise refresh-diff: Compare the applied configuration with the fetched one: apply the changed keys that are safe to change live and list the other changed keys as needing a restart.
  // @hint Walk the union of both key sets, sorted; skip keys whose values are sameValue(); a changed key with input.isLive(key) goes to `changed` and into the new leaves (deleted when it is gone from `next`); any other changed key goes to `needsRestart` and keeps its applied value.
  const leaves = new Map(input.applied);
  const changed: string[] = [];
  const needsRestart: string[] = [];
  for (const key of [...new Set([...input.applied.keys(), ...input.next.keys()])].sort()) {
    if (sameValue(input.applied.get(key), input.next.get(key))) continue;
    if (!input.isLive(key)) {
      needsRestart.push(key);
      continue;
    }
    changed.push(key);
    if (input.next.has(key)) leaves.set(key, input.next.get(key));
    else leaves.delete(key);
  }
  return { changed, needsRestart, leaves };
  // @starter
  // return { changed: [], needsRestart: [], leaves: input.applied };
  // @end
}
