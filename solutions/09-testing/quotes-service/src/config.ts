import { z } from 'zod';
import {
  type ConfigLogger,
  type LiveConfig,
  clientSettingsFromEnv,
  loadConfig,
  serviceKeys,
} from '../../common/config';
import { AMQP_SECRETS, AmqpConfigSchema, SpringBusConfigSchema } from '../../common/messaging';
import { LOGGING_LIVE_KEY, LoggingConfigSchema } from '../../common/logging';
import { ChaosConfigSchema } from '../../common/chaos';
import { DiscoveryConfigSchema } from '../../common/discovery';
import { TRACING_LIVE_KEY, TracingConfigSchema } from '../../common/tracing';

/** quotes-service's configuration, served by the config server (config-repo/quotes-service*.yml, application*.yml). */
export const QuotesConfigSchema = z.object({
  ...serviceKeys(8080),
  /** The language every quote is tagged with. Safe to change live: the next answer shows it. */
  quotes: z.object({
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'a two-letter language code')
      .default('en'),
  }),
  /** The broker, for the Spring Cloud Bus (amqp.password only from a Docker secret or env). */
  amqp: AmqpConfigSchema,
  /** spring.cloud.bus.destination: the Spring Cloud Bus exchange. */
  spring: SpringBusConfigSchema,
  /** logging.level.<logger> (chapter 05): live, a refresh changes a level with no restart. */
  logging: LoggingConfigSchema,
  /** Chapter 07: chaos.enabled, the chaos switches (POST /chaos); always off in the prod profile. */
  chaos: ChaosConfigSchema,
  /** Chapter 07: where this instance announces itself for the breaker stream and Prometheus. */
  discovery: DiscoveryConfigSchema,
  /** tracing.* (chapter 06): where spans go, and the sampling ratio (live). */
  tracing: TracingConfigSchema,
});

export type QuotesConfig = z.output<typeof QuotesConfigSchema>;

/** Keys a refresh applies while the service runs; any other change is reported as needing a restart. */
export const LIVE_KEYS = ['quotes.language', LOGGING_LIVE_KEY, TRACING_LIVE_KEY];

/** Fetches the configuration from CONFIG_SERVER_URL for PROFILE; throws ConfigError naming every bad key. */
export function loadServiceConfig(
  env: NodeJS.ProcessEnv = process.env,
  logger?: ConfigLogger,
): Promise<LiveConfig<QuotesConfig>> {
  return loadConfig({
    application: 'quotes-service',
    ...clientSettingsFromEnv(env),
    env,
    schema: QuotesConfigSchema,
    liveKeys: LIVE_KEYS,
    secrets: AMQP_SECRETS,
    logger,
  });
}
