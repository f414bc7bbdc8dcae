import type { Environment, PropertyValue } from '../repository/environment';

/**
 * One flat map from all property sources, as Spring's EnvironmentController does for the
 * .yml/.properties/.json forms: the most specific source wins each key, and a list is replaced
 * as a whole (a profile's two-item list does not keep the third item of the base file's list).
 */
export function mergedProperties(environment: Environment): Record<string, PropertyValue> {
  const merged = new Map<string, PropertyValue>();
  for (const { source } of [...environment.propertySources].reverse()) {
    const replaced = new Set(Object.keys(source).map(listStem));
    for (const key of [...merged.keys()]) {
      if (replaced.has(listStem(key))) merged.delete(key);
    }
    for (const [key, value] of Object.entries(source)) merged.set(key, value);
  }
  return Object.fromEntries([...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `a.b[0].c` → `a.b`: the property a list item belongs to (the key itself when it is no list item). */
function listStem(key: string): string {
  const bracket = key.indexOf('[');
  return bracket < 0 ? key : key.slice(0, bracket);
}
