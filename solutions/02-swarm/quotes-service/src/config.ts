import { z } from 'zod';
import { bindHostSchema } from '../../common/http';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** The address to bind: 0.0.0.0 in a container, 127.0.0.1 in local mode. */
  HOST: bindHostSchema(),
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
  instance: string | undefined;
  shutdownDrainMs: number;
}

export class ConfigError extends Error {}

/** Reads the service's settings from the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const defined = Object.fromEntries(
    ['HOST', 'PORT', 'INSTANCE', 'SHUTDOWN_DRAIN_MS'].flatMap((key) => (env[key] ? [[key, env[key]]] : [])),
  );
  const parsed = ConfigSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return `  ${key}=${JSON.stringify(env[key])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  return {
    host: parsed.data.HOST,
    port: parsed.data.PORT,
    instance: parsed.data.INSTANCE,
    shutdownDrainMs: parsed.data.SHUTDOWN_DRAIN_MS,
  };
}
