import { z } from 'zod';
import { ConfigError } from './errors';

/** What a service needs to know before it can fetch its configuration: read from its own environment. */
export interface ClientSettings {
  serverUrl: string;
  profile: string;
  label: string | undefined;
  secretsDir: string;
  /** How long to keep retrying while the config server is not up yet. */
  maxWaitMs: number;
}

const SettingsSchema = z.object({
  CONFIG_SERVER_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8888'),
  /** One profile or several, comma-separated; the last one wins. */
  PROFILE: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*(,[A-Za-z0-9][A-Za-z0-9._-]*)*$/,
      'a profile name, or several separated by commas',
    )
    .default('dev'),
  CONFIG_LABEL: z.string().min(1).optional(),
  SECRETS_DIR: z.string().min(1).default('/run/secrets'),
  CONFIG_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

/**
 * CONFIG_SERVER_URL (default http://127.0.0.1:8888), PROFILE (default dev), CONFIG_LABEL,
 * SECRETS_DIR (default /run/secrets) and CONFIG_WAIT_MS (default 30000). Throws ConfigError naming
 * every bad variable; an empty variable counts as unset.
 */
export function clientSettingsFromEnv(env: NodeJS.ProcessEnv): ClientSettings {
  const names = Object.keys(SettingsSchema.shape);
  const defined = Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
  const parsed = SettingsSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}=${JSON.stringify(env[name])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  const { CONFIG_SERVER_URL, PROFILE, CONFIG_LABEL, SECRETS_DIR, CONFIG_WAIT_MS } = parsed.data;
  return {
    serverUrl: CONFIG_SERVER_URL,
    profile: PROFILE,
    label: CONFIG_LABEL,
    secretsDir: SECRETS_DIR,
    maxWaitMs: CONFIG_WAIT_MS,
  };
}
