import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(6767),
  /** The address to bind: every interface by default (a container); local mode sets 127.0.0.1. */
  HOST: z.union([z.ipv4(), z.ipv6()], { error: 'an IP address to bind, e.g. 127.0.0.1 or 0.0.0.0' }).default('0.0.0.0'),
  /** Where the SQLite file lives; ':memory:' (the default) keeps a private database per process. */
  DB_PATH: z.string().min(1).default(':memory:'),
  PROFILE: z.enum(['dev', 'test', 'prod']).default('dev'),
});

export interface Config {
  host: string;
  port: number;
  dbPath: string;
  profile: 'dev' | 'test' | 'prod';
}

export class ConfigError extends Error {}

/** Reads the service's settings from the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = ConfigSchema.safeParse(pickDefined(env, ['HOST', 'PORT', 'DB_PATH', 'PROFILE']));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return `  ${key}=${JSON.stringify(env[key])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  const { HOST, PORT, DB_PATH, PROFILE } = parsed.data;
  return { host: HOST, port: PORT, dbPath: DB_PATH, profile: PROFILE };
}

// An empty variable (PORT=) counts as unset, so the default applies.
function pickDefined(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (env[key] ? [[key, env[key]]] : [])));
}
