import { z } from 'zod';

/**
 * A boolean written `true` in YAML or `"true"` in an environment variable. (z.coerce.boolean()
 * would read the string "false" as true.)
 */
export function configBoolean() {
  return z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
}
