import { z } from 'zod';

/**
 * The JSON a Spring Cloud Config Server answers to `GET /{application}/{profile}[/{label}]`
 * (org.springframework.cloud.config.environment.Environment). Only `propertySources` is needed;
 * the rest is optional because older servers leave fields out (no `state`, sometimes no `profiles`).
 */
export const SpringEnvironmentSchema = z.object({
  name: z.string().optional(),
  profiles: z.array(z.string()).optional(),
  label: z.string().nullish(),
  version: z.string().nullish(),
  state: z.string().nullish(),
  propertySources: z.array(
    z.object({
      name: z.string(),
      source: z.record(z.string(), z.unknown()),
    }),
  ),
});

export type SpringEnvironment = z.infer<typeof SpringEnvironmentSchema>;
