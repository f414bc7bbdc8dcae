import { camelSegment } from './keys';

/**
 * The effective configuration as "leaves": canonical key → value, where a list is one leaf
 * holding an array (`accounts.vip-ids` → ['10000']). Diffs, overrides and origins work on leaves;
 * validation works on the tree they make.
 */
export type Leaves = Map<string, unknown>;

type Container = Record<string | number, unknown>;

/** `a.b[1].c` → ['a', 'b', 1, 'c'] */
function steps(key: string): Array<string | number> {
  return key.split(/\.|(?=\[)/).map((step) => {
    const index = /^\[(\d+)\]$/.exec(step);
    return index ? Number(index[1]) : step;
  });
}

/** Flat keys (with `[n]` list items) into a tree of objects and arrays. */
export function toTree(flat: Iterable<[string, unknown]>): Record<string, unknown> {
  const root: Container = {};
  for (const [key, value] of flat) {
    const path = steps(key);
    let node = root;
    path.slice(0, -1).forEach((step, i) => {
      const child = node[step];
      if (child === null || typeof child !== 'object') node[step] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[step] as Container;
    });
    node[path[path.length - 1]] = value;
  }
  return withoutHoles(root) as Record<string, unknown>;
}

function withoutHoles(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value, (item: unknown) => withoutHoles(item ?? null));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withoutHoles(child)]));
  }
  return value;
}

/** A tree back to leaves: objects are walked, arrays and scalars are leaves. */
export function leavesOf(tree: Record<string, unknown>, prefix = '', out: Leaves = new Map()): Leaves {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      leavesOf(value as Record<string, unknown>, path, out);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/** The tree a schema validates: canonical kebab keys become camelCase (`timeout-ms` → `timeoutMs`). */
export function camelTree(leaves: Leaves): Record<string, unknown> {
  return camelKeys(toTree(leaves)) as Record<string, unknown>;
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [camelSegment(key), camelKeys(child)]));
  }
  return value;
}

/** What `path` (camelCase steps, as zod reports them) holds in a tree, if anything. */
export function valueAt(tree: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = tree;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Container)[step as string | number];
  }
  return node;
}

/** Freezes the typed config so a handler cannot change it by accident; refresh replaces it whole. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
