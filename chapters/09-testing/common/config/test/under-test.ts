// The config client's internals these properties drive (not exported by common/config's index:
// its own tests reach them from here).
// PLANTED_BUG=merge-wrong-precedence hands out a broken merge for the exercise checks.
import { type Merged, type PropertySource, mergeSources as realMergeSources } from '../merge';
import { canonicalKeys, listStem } from '../keys';

export type { Merged, PropertySource } from '../merge';
export { canonicalKey, listStem } from '../keys';
export { leavesOf, toTree } from '../tree';
import { plantedBug } from '../../../under-test/planted-bugs';

/** Chapter 07's starter: sources applied in the order given (the least specific wins), lists merged item by item. */
function wrongPrecedence(sources: PropertySource[]): Merged {
  const values: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const { name, source } of sources) {
    for (const [key, value] of Object.entries(canonicalKeys(source))) {
      values[key] = value;
      origins.set(listStem(key), name);
    }
  }
  return { values, origins };
}

/** Merges a Spring Environment's property sources, the most specific (first) winning. */
export const mergeSources = plantedBug() === 'merge-wrong-precedence' ? wrongPrecedence : realMergeSources;
