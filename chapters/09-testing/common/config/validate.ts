import type { z } from 'zod';
import { ConfigError } from './errors';
import { envName, keyOfPath, listStem, secretFileName } from './keys';
import { withRequiredObjects } from './schema-keys';
import { type Leaves, camelTree, valueAt } from './tree';

export interface ValidateInput<S extends z.ZodType> {
  schema: S;
  leaves: Leaves;
  /** Property → where its value came from (a config-repo file, `env NAME`, `secret file PATH`). */
  origins: Map<string, string>;
  /** Properties whose values must never be printed. */
  secrets: Set<string>;
}

type Issue = z.core.$ZodIssue;

/** The key as written in config-repo: `quotes.timeout-ms`, `accounts.vip-ids[2]`. */
export function problemKey(issue: Issue): string {
  return keyOfPath(issue.path) || '(the whole configuration)';
}

/** What the configuration holds at the issue's place, ready to print (JSON; a secret never); undefined when missing. */
export function problemValue(issue: Issue, tree: unknown, secrets: Set<string>): string | undefined {
  const value = valueAt(tree, issue.path);
  if (value === undefined) return undefined;
  return secrets.has(listStem(problemKey(issue))) ? '<secret>' : JSON.stringify(value);
}

/** Where the value at the issue's place came from, if it came from anywhere. */
export function problemOrigin(issue: Issue, origins: Map<string, string>): string | undefined {
  return origins.get(listStem(problemKey(issue)));
}

/** How to supply a key that is missing (a secret never goes in the config repository). */
export function howToSet(key: string, secrets: Set<string> = new Set()): string {
  const stem = listStem(key);
  if (secrets.has(stem)) return `provide the Docker secret ${secretFileName(stem)} or env ${envName(stem)}`;
  return `set it in the config repository or with env ${envName(stem)}`;
}

/**
 * Validates the effective configuration against the service's schema and returns the typed config.
 * An invalid one is refused with a ConfigError whose message names every bad or missing key.
 */
export function validate<S extends z.ZodType>(input: ValidateInput<S>): z.output<S> {
  const tree = withRequiredObjects(input.schema, camelTree(input.leaves));
  const parsed = input.schema.safeParse(tree);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = problemKey(issue);
      const value = problemValue(issue, tree, input.secrets);
      if (value === undefined) return `  ${key} is missing (${howToSet(key, input.secrets)}): ${issue.message}`;
      const origin = problemOrigin(issue, input.origins);
      return `  ${key} = ${value}${origin ? ` (from ${origin})` : ''}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
