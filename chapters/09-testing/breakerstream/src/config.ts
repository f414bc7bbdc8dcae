import { z } from 'zod';
import { type LiveConfig, clientSettingsFromEnv, loadConfig, serviceKeys } from '../../common/config';
import { DiscoveryConfigSchema } from '../../common/discovery';
import { AMQP_SECRETS, AmqpConfigSchema } from '../../common/messaging';

/** breakerstream's configuration: the broker and the discovery exchange (application*.yml), its port. */
export const StreamConfigSchema = z.object({
  ...serviceKeys(7979),
  amqp: AmqpConfigSchema,
  discovery: DiscoveryConfigSchema,
});

export type StreamConfig = z.output<typeof StreamConfigSchema>;

/** Fetches the configuration from CONFIG_SERVER_URL for PROFILE; throws ConfigError naming every bad key. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): Promise<LiveConfig<StreamConfig>> {
  return loadConfig({
    application: 'breakerstream',
    ...clientSettingsFromEnv(env),
    env,
    schema: StreamConfigSchema,
    liveKeys: [],
    secrets: AMQP_SECRETS,
  });
}
