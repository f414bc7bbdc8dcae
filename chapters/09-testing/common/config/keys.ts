/**
 * Property keys, the Spring way. The canonical form is lower-case kebab segments joined by dots,
 * list items indexed: `quotes.timeout-ms`, `accounts.vip-ids[0]`. Files may also say `timeoutMs`
 * or `timeout_ms` (Spring's relaxed binding); the client turns every key into the canonical form,
 * and the typed config a service reads uses camelCase (`config.quotes.timeoutMs`).
 */

/** `timeoutMs`, `timeout_ms`, `TIMEOUT-MS` → `timeout-ms` */
export function canonicalSegment(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** `quotes.timeoutMs` → `quotes.timeout-ms`; `accounts.vipIds[0]` → `accounts.vip-ids[0]` */
export function canonicalKey(key: string): string {
  return key
    .split('.')
    .map((part) => {
      const bracket = part.indexOf('[');
      return bracket < 0 ? canonicalSegment(part) : canonicalSegment(part.slice(0, bracket)) + part.slice(bracket);
    })
    .join('.');
}

/** Every key of a property source in canonical form. */
export function canonicalKeys(source: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [canonicalKey(key), value]));
}

/** `accounts.vip-ids[1]` → `accounts.vip-ids`: the property a list item belongs to (the key itself otherwise). */
export function listStem(key: string): string {
  const bracket = key.indexOf('[');
  return bracket < 0 ? key : key.slice(0, bracket);
}

/** The environment variable that overrides a key: `quotes.timeout-ms` → `QUOTES_TIMEOUT_MS`. */
export function envName(key: string): string {
  return key.replace(/[.-]/g, '_').toUpperCase();
}

/** The Docker secret file name for a key: `amqp.password` → `amqp_password`. */
export function secretFileName(key: string): string {
  return envName(key).toLowerCase();
}

/** `timeout-ms` → `timeoutMs` */
export function camelSegment(segment: string): string {
  return segment.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A path into the typed (camelCase) config, back to the key as written in config-repo: ['quotes', 'timeoutMs'] → `quotes.timeout-ms`. */
export function keyOfPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : `${i > 0 ? '.' : ''}${canonicalSegment(String(step))}`))
    .join('');
}

/** Is `key` the property `prefix` or inside it (`quotes` covers `quotes.language` and `quotes[0]`)? */
export function keyWithin(key: string, prefix: string): boolean {
  return key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`);
}
