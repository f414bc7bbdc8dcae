import { z } from 'zod';
import { bindHostSchema } from '../../common/http';
import { type LiveConfig, clientSettingsFromEnv, loadConfig } from '../../common/config';
import { AMQP_SECRETS, AmqpConfigSchema, SpringBusConfigSchema } from '../../common/messaging';

/** quotes-service's configuration, served by the config server (config-repo/quotes-service*.yml, application*.yml). */
export const QuotesConfigSchema = z.object({
  /** server.host ← HOST: 0.0.0.0 in a container, 127.0.0.1 in local mode. */
  server: z.object({ port: z.coerce.number().int().min(0).max(65535).default(8080), host: bindHostSchema() }),
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
  /** At SIGTERM, how long keep-alive clients get to leave before idle connections close (env SHUTDOWN_DRAIN_MS). */
  shutdown: z.object({ drainMs: z.coerce.number().int().min(0).max(30_000).default(0) }),
  /** Lets local mode tell replicas apart ("10.0.0.5#2"); unset in Swarm, where each has its own IP. */
  instance: z
    .string()
    .regex(/^[\w.-]{1,32}$/)
    .optional(),
});

export type QuotesConfig = z.output<typeof QuotesConfigSchema>;

/** Keys a refresh applies while the service runs; any other change is reported as needing a restart. */
export const LIVE_KEYS = ['quotes.language'];

/** Fetches the configuration from CONFIG_SERVER_URL for PROFILE; throws ConfigError naming every bad key. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): Promise<LiveConfig<QuotesConfig>> {
  return loadConfig({
    application: 'quotes-service',
    ...clientSettingsFromEnv(env),
    env,
    schema: QuotesConfigSchema,
    liveKeys: LIVE_KEYS,
    secrets: AMQP_SECRETS,
  });
}
