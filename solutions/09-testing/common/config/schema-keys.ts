import type { z } from 'zod';
import { canonicalSegment } from './keys';

export interface SchemaKey {
  /** Canonical key, e.g. `quotes.timeout-ms`. */
  key: string;
  /** 'list': an array (env gives it comma-separated); 'map': a record whose keys are data; 'value': anything else. */
  kind: 'value' | 'list' | 'map';
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/**
 * The keys a service's zod schema declares, in canonical form. They decide which environment
 * variables count as overrides (`quotes.timeout-ms` ← QUOTES_TIMEOUT_MS) and which keys of the
 * served configuration matter to this service at all.
 */
export function schemaKeys(schema: z.ZodType, prefix = ''): SchemaKey[] {
  const def = schema._zod.def;
  if (WRAPPERS.has(def.type)) return schemaKeys((def as z.core.$ZodDefaultDef).innerType as z.ZodType, prefix);
  if (def.type === 'pipe') {
    const { in: input, out } = def as z.core.$ZodPipeDef;
    // z.preprocess(fn, inner) is a pipe from a transform into the schema that describes the shape.
    return schemaKeys((input._zod.def.type === 'transform' ? out : input) as z.ZodType, prefix);
  }
  if (def.type === 'object') {
    return Object.entries((def as z.core.$ZodObjectDef).shape).flatMap(([name, child]) => {
      if (/[-_]/.test(name)) {
        throw new Error(
          `Schema key "${name}": write schema keys in camelCase (${name} → the file's kebab-case is mapped for you)`,
        );
      }
      const key = prefix ? `${prefix}.${canonicalSegment(name)}` : canonicalSegment(name);
      return schemaKeys(child as z.ZodType, key);
    });
  }
  if (!prefix) return [];
  if (def.type === 'array') return [{ key: prefix, kind: 'list' }];
  if (def.type === 'record') return [{ key: prefix, kind: 'map' }];
  return [{ key: prefix, kind: 'value' }];
}

/**
 * Gives every required object of the schema an empty object in the tree when it is absent, so
 * that validation names the missing leaves (`server.port is missing`) rather than their parent
 * (`server is missing`). Optional objects stay absent.
 */
export function withRequiredObjects(schema: z.ZodType, tree: Record<string, unknown>): Record<string, unknown> {
  const def = schema._zod.def;
  if (def.type !== 'object') return tree;
  const filled: Record<string, unknown> = { ...tree };
  for (const [name, child] of Object.entries((def as z.core.$ZodObjectDef).shape)) {
    const value = filled[name];
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const required = child._zod.def.type === 'object';
    if (required && value === undefined) filled[name] = withRequiredObjects(child as z.ZodType, {});
    else if (isObject) filled[name] = withRequiredObjects(unwrap(child as z.ZodType), value as Record<string, unknown>);
  }
  return filled;
}

function unwrap(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def;
  return WRAPPERS.has(def.type) ? unwrap((def as z.core.$ZodDefaultDef).innerType as z.ZodType) : schema;
}
