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
  // @hint Look at every key that exists on either side, once, in a stable order. Unchanged keys need nothing; a changed key that is safe to change live is applied (or removed when it disappeared); any other changed key keeps its old value and is reported as needing a restart.
  // @hint-api new Set([...input.applied.keys(), ...input.next.keys()]) sorted; sameValue(a, b); input.isLive(key); a copy of input.applied as the new leaves (set / delete).
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
