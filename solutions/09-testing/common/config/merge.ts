import { canonicalKeys, listStem } from './keys';

/** One property source of a Spring Environment: a name and flat keys (`a.b`, `a.list[0]`). */
export interface PropertySource {
  name: string;
  source: Record<string, unknown>;
}

export interface Merged {
  /** Flat canonical keys → the winning value. */
  values: Record<string, unknown>;
  /** Property (list stem) → the name of the source its value came from, for error messages. */
  origins: Map<string, string>;
}

/**
 * Merges a Spring Environment's property sources into one flat map. The server lists them most
 * specific first (accountservice-dev.yml, accountservice.yml, application.yml).
 */
export function mergeSources(sources: PropertySource[]): Merged {
  // @exercise precedence-merge: Merge the sources so the most specific one (the first) wins every key, and a list from a more specific source replaces the whole list.
  // @hint Apply the least specific source first and let each more specific one write over it. A list is one value: when a source sets a list, forget every item the earlier sources gave that list before writing.
  // @hint-api [...sources].reverse(); canonicalKeys(source); listStem(key) to find a list's items; delete values[key] for the stems the incoming source has; origins.set(listStem(key), name).
  const values: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const { name, source } of [...sources].reverse()) {
    const incoming = canonicalKeys(source);
    const properties = new Set(Object.keys(incoming).map(listStem));
    for (const key of Object.keys(values)) {
      if (properties.has(listStem(key))) delete values[key];
    }
    for (const [key, value] of Object.entries(incoming)) {
      values[key] = value;
      origins.set(listStem(key), name);
    }
  }
  return { values, origins };
  // @starter
  // const values: Record<string, unknown> = {};
  // const origins = new Map<string, string>();
  // for (const { name, source } of sources) {
  //   for (const [key, value] of Object.entries(canonicalKeys(source))) {
  //     values[key] = value;
  //     origins.set(listStem(key), name);
  //   }
  // }
  // return { values, origins };
  // @end
}
