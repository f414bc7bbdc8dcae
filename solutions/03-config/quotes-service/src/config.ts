import { z } from 'zod';
import { type LiveConfig, clientSettingsFromEnv, loadConfig, serviceKeys } from '../../common/config';

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
  });
}
