import { z } from 'zod';
import {
  type ConfigLogger,
  type LiveConfig,
  clientSettingsFromEnv,
  configBoolean,
  loadConfig,
  serviceKeys,
} from '../../common/config';
import { AMQP_SECRETS, AmqpConfigSchema, SpringBusConfigSchema } from '../../common/messaging';
import { LOGGING_LIVE_KEY, LoggingConfigSchema } from '../../common/logging';
import { DiscoveryConfigSchema } from '../../common/discovery';
import { BREAKER_LIVE_KEYS, BreakersConfigSchema } from './breakers';
import { TRACING_LIVE_KEY, TracingConfigSchema } from '../../common/tracing';
import { SecurityConfigSchema } from './security';

/**
 * accountservice's configuration, served by the config server (config-repo/accountservice*.yml,
 * application*.yml) and overridable by env (breakers.quotes-service.timeout-ms ← BREAKERS_QUOTES_SERVICE_TIMEOUT_MS, server.port ← PORT).
 * camelCase here, kebab-case in the files.
 */
export const AccountConfigSchema = z.object({
  ...serviceKeys(6767),
  /** ':memory:' keeps a private database per process. */
  db: z.object({ path: z.string().min(1).default(':memory:') }),
  accounts: z.object({
    /** Enables the testability routes; off in the prod profile. */
    testability: configBoolean().default(false),
    /** Reading one of these publishes a VIP notification. Safe to change live: read on every account. */
    vipIds: z.array(z.string().regex(/^\d{1,20}$/)).default([]),
  }),
  quotes: z.object({
    /** Where quotes-service answers, e.g. http://tasks.quotes-service:8080 in Swarm (every replica). */
    serviceUrl: z.url({ protocol: /^https?$/ }),
    /** How much CPU each quote costs quotes-service (0–10; goblog asks for 4). */
    strength: z.coerce.number().int().min(0).max(10).default(4),
  }),
  /** The broker (amqp.url; amqp.password only from a Docker secret or env). */
  amqp: AmqpConfigSchema,
  /** Where VIP notifications go (application.yml; vipservice reads the same keys). */
  vip: z.object({
    exchange: z.string().min(1),
    routingKey: z.string().min(1),
    queue: z.string().min(1),
  }),
  /** spring.cloud.bus.destination: the Spring Cloud Bus exchange. */
  spring: SpringBusConfigSchema,
  /** logging.level.<logger> (chapter 05): live, a refresh changes a level with no restart. */
  logging: LoggingConfigSchema,
  /** Chapter 07: breakers.quotes-service.*, breakers.imageservice.* (live), retries.*, image.url. */
  ...BreakersConfigSchema.shape,
  /** Where instances announce themselves for the breaker stream (application.yml). */
  discovery: DiscoveryConfigSchema,
  /** tracing.* (chapter 06): where spans go, and the sampling ratio (live). */
  tracing: TracingConfigSchema,
  /** Chapter 08: security.* — how the relayed access token is verified (issuer, keys, audience, scope). */
  ...SecurityConfigSchema.shape,
});

export type AccountConfig = z.output<typeof AccountConfigSchema>;

/** Keys a refresh applies while the service runs; any other change is reported as needing a restart. */
export const LIVE_KEYS = [
  'accounts.vip-ids',
  'quotes.strength',
  LOGGING_LIVE_KEY,
  TRACING_LIVE_KEY,
  ...BREAKER_LIVE_KEYS,
];

/** Fetches the configuration from CONFIG_SERVER_URL for PROFILE; throws ConfigError naming every bad key. */
export function loadServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
  logger?: ConfigLogger,
): Promise<LiveConfig<AccountConfig>> {
  return loadConfig({
    application: 'accountservice',
    ...clientSettingsFromEnv(env),
    env,
    schema: AccountConfigSchema,
    liveKeys: LIVE_KEYS,
    secrets: AMQP_SECRETS,
    logger,
  });
}
