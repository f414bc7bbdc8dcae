import type { PropertyValue } from '../repository/environment';

type Container = Record<string | number, unknown>;

/** `a.b[1].c` → ['a', 'b', 1, 'c'] */
function steps(key: string): Array<string | number> {
  return key.split(/\.|(?=\[)/).map((step) => {
    const index = /^\[(\d+)\]$/.exec(step);
    return index ? Number(index[1]) : step;
  });
}

/**
 * Flat Spring keys back into a tree for the .yml and .json forms: `a.b[1].c` → { a: { b: [null, { c }] } }.
 */
export function nest(flat: Record<string, PropertyValue>): Record<string, unknown> {
  const root: Container = {};
  for (const [key, value] of Object.entries(flat)) {
    const path = steps(key);
    let node = root;
    path.slice(0, -1).forEach((step, i) => {
      const child = node[step];
      if (child === null || typeof child !== 'object') {
        node[step] = typeof path[i + 1] === 'number' ? [] : {};
      }
      node = node[step] as Container;
    });
    node[path[path.length - 1]] = value;
  }
  return fillHoles(root) as Record<string, unknown>;
}

/** A list whose items came out of order gets explicit nulls in its holes, as Spring's does. */
function fillHoles(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, (item: unknown) => fillHoles(item ?? null));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, fillHoles(child)]));
  }
  return value;
}
