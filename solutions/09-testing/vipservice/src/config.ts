import { z } from 'zod';
import { DiscoveryConfigSchema } from '../../common/discovery';
import {
  type ConfigLogger,
  type LiveConfig,
  clientSettingsFromEnv,
  loadConfig,
  serviceKeys,
} from '../../common/config';
import {
  AMQP_SECRETS,
  AmqpConfigSchema,
  SpringBusConfigSchema,
  type WorkQueueTopology,
  vipTopology,
} from '../../common/messaging';
import { LOGGING_LIVE_KEY, LoggingConfigSchema } from '../../common/logging';
import { TRACING_LIVE_KEY, TracingConfigSchema } from '../../common/tracing';

/**
 * vipservice's configuration, served by the config server (config-repo/vipservice.yml,
 * application*.yml) and overridable by env (vip.prefetch ← VIP_PREFETCH, server.port ← PORT).
 * camelCase here, kebab-case in the files.
 */
export const VipConfigSchema = z.object({
  /** Chapter 07: where this instance announces itself (for Prometheus' targets and the stream). */
  discovery: DiscoveryConfigSchema,
  ...serviceKeys(6868),
  /** The broker (amqp.url; amqp.password only from a Docker secret or env). */
  amqp: AmqpConfigSchema,
  /** The VIP work queue (application.yml: accountservice publishes to the same names; tests use their own). */
  vip: z.object({
    exchange: z.string().min(1),
    routingKey: z.string().min(1),
    queue: z.string().min(1),
    /** How many notifications GET /vips/recent keeps. Safe to change live: applied on the next call. */
    recentLimit: z.coerce.number().int().min(1).max(10_000).default(50),
    /** Unacked notifications the broker may push to this instance at once. Needs a restart (set on the channel). */
    prefetch: z.coerce.number().int().min(1).max(1000).default(10),
  }),
  /** spring.cloud.bus.destination: the Spring Cloud Bus exchange. */
  spring: SpringBusConfigSchema,
  /** logging.level.<logger> (chapter 05): live, a refresh changes a level with no restart. */
  logging: LoggingConfigSchema,
  /** tracing.* (chapter 06): where spans go, and the sampling ratio (live). */
  tracing: TracingConfigSchema,
});

export type VipConfig = z.output<typeof VipConfigSchema>;

/** Keys a refresh applies while the service runs; any other change is reported as needing a restart. */
export const LIVE_KEYS = ['vip.recent-limit', LOGGING_LIVE_KEY, TRACING_LIVE_KEY];

/** Fetches the configuration from CONFIG_SERVER_URL for PROFILE; throws ConfigError naming every bad key. */
export function loadServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
  logger?: ConfigLogger,
): Promise<LiveConfig<VipConfig>> {
  return loadConfig({
    application: 'vipservice',
    ...clientSettingsFromEnv(env),
    env,
    schema: VipConfigSchema,
    liveKeys: LIVE_KEYS,
    secrets: AMQP_SECRETS,
    logger,
  });
}

/** The VIP work queue as configured: exchange, queue and binding, and their dead-letter pair. */
export function topologyOf({ exchange, queue, routingKey }: VipConfig['vip']): WorkQueueTopology {
  return vipTopology({ exchange, queue, routingKey });
}
