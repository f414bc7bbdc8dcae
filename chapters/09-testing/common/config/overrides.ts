import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors';
import { envName, keyWithin, secretFileName } from './keys';
import type { SchemaKey } from './schema-keys';
import type { Leaves } from './tree';

export interface OverrideOptions {
  env: NodeJS.ProcessEnv;
  /** Extra variable names: `{ PORT: 'server.port' }` lets the usual PORT set `server.port`. */
  aliases: Record<string, string>;
  /** Canonical keys that are secrets: never served by the config server, read from a file or env. */
  secrets: string[];
  /** Where Docker mounts secrets (`/run/secrets`). */
  secretsDir: string;
}

/** Keeps only the leaves the service's schema declares (the rest of the served config is not its business). */
export function pickKnown(leaves: Leaves, keys: SchemaKey[]): Leaves {
  return new Map(
    [...leaves].filter(([key]) =>
      keys.some((known) => (known.kind === 'map' ? keyWithin(key, known.key) : key === known.key)),
    ),
  );
}

/**
 * Applies what beats the config server, highest first:
 *   1. a secret file `<secretsDir>/<key with _ for . and ->` (Docker secrets), for keys listed as secrets;
 *   2. an environment variable: an alias (`PORT`), then the key's own name (`quotes.timeout-ms` ← QUOTES_TIMEOUT_MS);
 *   3. the config server's sources (already merged into `leaves`);
 *   4. the schema's defaults (applied later, by validation).
 * An empty variable counts as unset. Returns key → where its value came from, for the start-up log.
 */
export function applyOverrides(
  leaves: Leaves,
  origins: Map<string, string>,
  keys: SchemaKey[],
  { env, aliases, secrets, secretsDir }: OverrideOptions,
): Map<string, string> {
  for (const secret of secrets) {
    if (leaves.has(secret)) {
      throw new ConfigError(
        `Refusing to start: ${secret} is a secret, but the config server serves it in plain text (from ${origins.get(secret)}). ` +
          `Remove it from the config repository; provide the Docker secret "${secretFileName(secret)}" or env ${envName(secret)}.`,
      );
    }
  }
  const applied = new Map<string, string>();
  const set = (key: string, value: string, origin: string) => {
    leaves.set(key, value);
    origins.set(key, origin);
    applied.set(key, origin);
  };

  const overridable = [...new Set([...keys.filter((k) => k.kind !== 'map').map((k) => k.key), ...secrets])];
  for (const key of overridable) {
    const names = [...Object.keys(aliases).filter((name) => aliases[name] === key), envName(key)];
    const name = names.find((candidate) => env[candidate]);
    if (name) set(key, env[name] as string, `env ${name}`);
  }
  for (const key of secrets) {
    const file = path.join(secretsDir, secretFileName(key));
    const value = readSecret(file);
    if (value !== undefined) set(key, value, `secret file ${file}`);
  }
  return applied;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Refusing to start: cannot read secret file ${file}: ${(err as Error).message}`);
  }
  const value = text.replace(/\r?\n$/, '');
  return value === '' ? undefined : value;
}

/**
 * Spring binds a comma-separated string to a list, and serves an empty list as "": a list key
 * holding a string (from env or a file) becomes an array here, before validation.
 */
export function shapeLists(leaves: Leaves, keys: SchemaKey[]): void {
  for (const { key, kind } of keys) {
    const value = leaves.get(key);
    if (kind !== 'list' || typeof value !== 'string') continue;
    leaves.set(
      key,
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );
  }
}
