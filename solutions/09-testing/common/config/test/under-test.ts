// The config client's internals these properties drive (not exported by common/config's index:
// its own tests reach them from here). Today chapter 07's files; when chapter 09 is assembled the
// paths become '../merge', '../keys', '../tree' and the eslint exceptions go.
// PLANTED_BUG=merge-wrong-precedence hands out a broken merge for the exercise checks.
/* eslint-disable no-restricted-imports -- interim paths into chapter 07 (see above) */
import {
  type Merged,
  type PropertySource,
  mergeSources as realMergeSources,
} from '../../../../07-breakers/common/config/merge';
import { canonicalKeys, listStem } from '../../../../07-breakers/common/config/keys';

export type { Merged, PropertySource } from '../../../../07-breakers/common/config/merge';
export { canonicalKey, listStem } from '../../../../07-breakers/common/config/keys';
export { leavesOf, toTree } from '../../../../07-breakers/common/config/tree';
/* eslint-enable no-restricted-imports */
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
