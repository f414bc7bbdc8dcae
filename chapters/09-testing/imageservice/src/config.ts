import { z } from 'zod';
import { bindHostSchema } from '../../common/http';
import { type LiveConfig, clientSettingsFromEnv, configBoolean, loadConfig } from '../../common/config';
import { TRACING_LIVE_KEY, TracingConfigSchema } from '../../common/tracing';

/** imageservice's configuration, served by the config server (config-repo/imageservice*.yml), env overriding. */
export const ImageConfigSchema = z.object({
  /** server.host ← HOST: 0.0.0.0 in a container, 127.0.0.1 in local mode. */
  server: z.object({ port: z.coerce.number().int().min(0).max(65535).default(7777), host: bindHostSchema() }),
  image: z.object({
    /** Where clients reach this service, for the image URLs it hands out. Safe to change live. */
    baseUrl: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:7777'),
  }),
  /** chaos.enabled: the chaos switches (POST /chaos). Always off in the prod profile, whatever this says. */
  chaos: z.object({ enabled: configBoolean().default(true) }),
  shutdown: z.object({ drainMs: z.coerce.number().int().min(0).max(30_000).default(0) }),
  /** Lets local mode tell replicas apart ("10.0.0.5#2"); unset in Swarm, where each has its own IP. */
  instance: z
    .string()
    .regex(/^[\w.-]{1,32}$/)
    .optional(),
  /** tracing.* (chapter 06): where spans go, and the sampling ratio (live, on POST /actuator/refresh). */
  tracing: TracingConfigSchema,
});

export type ImageConfig = z.output<typeof ImageConfigSchema>;

export const LIVE_KEYS = ['image.base-url', TRACING_LIVE_KEY];

/** Fetches the configuration from CONFIG_SERVER_URL for PROFILE; throws ConfigError naming every bad key. */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): Promise<LiveConfig<ImageConfig>> {
  return loadConfig({
    application: 'imageservice',
    ...clientSettingsFromEnv(env),
    env,
    schema: ImageConfigSchema,
    liveKeys: LIVE_KEYS,
  });
}
