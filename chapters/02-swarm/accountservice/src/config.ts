import { z } from 'zod';
import { bindHostSchema } from '../../common/http';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(6767),
  /** The address to bind: 0.0.0.0 in a container, 127.0.0.1 in local mode. */
  HOST: bindHostSchema(),
  /** Where the SQLite file lives; ':memory:' (the default) keeps a private database per process. */
  DB_PATH: z.string().min(1).default(':memory:'),
  PROFILE: z.enum(['dev', 'test', 'prod']).default('dev'),
  /**
   * Where quotes-service answers, e.g. http://tasks.quotes-service:8080 in Swarm (every replica's
   * address: the client balances over them); unset: no quotes.
   */
  QUOTES_SERVICE_URL: z
    .url({ protocol: /^http$/, error: 'expected an http:// URL, e.g. http://tasks.quotes-service:8080' })
    .optional(),
  /** The most an account waits for its quote before it is served without one. */
  QUOTES_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
  /** How much CPU each quote costs quotes-service (0–10; goblog asks for 4). */
  QUOTES_STRENGTH: z.coerce.number().int().min(0).max(10).default(4),
  /** Lets local mode tell replicas apart ("10.0.0.5#2"); unset in Swarm, where each has its own IP. */
  INSTANCE: z
    .string()
    .regex(/^[\w.-]{1,32}$/)
    .optional(),
  /** At SIGTERM, how long keep-alive clients get to leave before idle connections are closed. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(30_000).default(0),
});

export interface Config {
  host: string;
  port: number;
  dbPath: string;
  profile: 'dev' | 'test' | 'prod';
  quotesServiceUrl: string | undefined;
  quotesTimeoutMs: number;
  quotesStrength: number;
  instance: string | undefined;
  shutdownDrainMs: number;
}

export class ConfigError extends Error {}

/** Reads the service's settings from the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = ConfigSchema.safeParse(pickDefined(env, Object.keys(ConfigSchema.shape)));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return `  ${key}=${JSON.stringify(env[key])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  const {
    HOST,
    PORT,
    DB_PATH,
    PROFILE,
    QUOTES_SERVICE_URL,
    QUOTES_TIMEOUT_MS,
    QUOTES_STRENGTH,
    INSTANCE,
    SHUTDOWN_DRAIN_MS,
  } = parsed.data;
  return {
    host: HOST,
    port: PORT,
    dbPath: DB_PATH,
    profile: PROFILE,
    quotesServiceUrl: QUOTES_SERVICE_URL,
    quotesTimeoutMs: QUOTES_TIMEOUT_MS,
    quotesStrength: QUOTES_STRENGTH,
    instance: INSTANCE,
    shutdownDrainMs: SHUTDOWN_DRAIN_MS,
  };
}

// An empty variable (PORT=) counts as unset, so the default applies.
function pickDefined(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (env[key] ? [[key, env[key]]] : [])));
}
