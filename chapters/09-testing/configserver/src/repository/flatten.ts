import type { PropertyValue } from './environment';

/**
 * Flattens parsed YAML the way Spring does (YamlProcessor): nested maps join their keys with `.`,
 * list items get `[index]`, an empty list or a null value becomes "", an empty map disappears.
 */
export function flatten(tree: Record<string, unknown>): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(tree)) add(out, key, value);
  return out;
}

function add(out: Record<string, PropertyValue>, key: string, value: unknown): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out[key] = '';
    value.forEach((item, index) => add(out, `${key}[${index}]`, item));
  } else if (value !== null && typeof value === 'object') {
    for (const [child, childValue] of Object.entries(value)) add(out, `${key}.${child}`, childValue);
  } else if (value === null || value === undefined) {
    out[key] = '';
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    out[key] = value;
  } else {
    out[key] = String(value);
  }
}
