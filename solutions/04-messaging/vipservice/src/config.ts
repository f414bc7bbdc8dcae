import { z } from 'zod';
import { DEFAULT_AMQP_URL } from '../../common/messaging/settings';
import type { WorkQueueTopology } from '../../common/messaging/topology';
import { VIP_NAMES, vipTopology } from '../../common/messaging/vip/vip-notification';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(6868),
  PROFILE: z.enum(['dev', 'test', 'prod']).default('dev'),
  AMQP_URL: z
    .string()
    .regex(/^amqps?:\/\/\S+$/, 'an amqp:// or amqps:// URL')
    .default(DEFAULT_AMQP_URL),
  /** The names of the VIP work queue (tests use their own). */
  VIP_EXCHANGE: z.string().min(1).default(VIP_NAMES.exchange),
  VIP_QUEUE: z.string().min(1).default(VIP_NAMES.queue),
  VIP_ROUTING_KEY: z.string().min(1).default(VIP_NAMES.routingKey),
  /** How many notifications GET /vips/recent keeps. */
  VIP_RECENT_LIMIT: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Unacked notifications the broker may push to this instance at once. */
  VIP_PREFETCH: z.coerce.number().int().min(1).max(1000).default(10),
  /** Lets local mode tell replicas apart ("10.0.0.5#2"); unset in Swarm, where each has its own IP. */
  INSTANCE: z
    .string()
    .regex(/^[\w.-]{1,32}$/)
    .optional(),
});

export interface Config {
  port: number;
  profile: 'dev' | 'test' | 'prod';
  amqpUrl: string;
  topology: WorkQueueTopology;
  recentLimit: number;
  prefetch: number;
  instance: string | undefined;
}

export class ConfigError extends Error {}

/** Reads the service's settings from the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const keys = Object.keys(ConfigSchema.shape);
  const parsed = ConfigSchema.safeParse(pickDefined(env, keys));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const shown = key === 'AMQP_URL' ? '<hidden>' : JSON.stringify(env[key]);
      return `  ${key}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  const {
    PORT,
    PROFILE,
    AMQP_URL,
    VIP_EXCHANGE,
    VIP_QUEUE,
    VIP_ROUTING_KEY,
    VIP_RECENT_LIMIT,
    VIP_PREFETCH,
    INSTANCE,
  } = parsed.data;
  return {
    port: PORT,
    profile: PROFILE,
    amqpUrl: AMQP_URL,
    topology: vipTopology({ exchange: VIP_EXCHANGE, queue: VIP_QUEUE, routingKey: VIP_ROUTING_KEY }),
    recentLimit: VIP_RECENT_LIMIT,
    prefetch: VIP_PREFETCH,
    instance: INSTANCE,
  };
}

// An empty variable (PORT=) counts as unset, so the default applies.
function pickDefined(env: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (env[key] ? [[key, env[key]]] : [])));
}
