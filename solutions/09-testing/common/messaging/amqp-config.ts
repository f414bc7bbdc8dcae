import { z } from 'zod';
import { DEFAULT_AMQP_URL } from './broker-url';

/**
 * The `amqp` section every service's config schema includes. The URL comes from the config server
 * (application*.yml; env AMQP_URL overrides it); the password is a secret and never does: it comes
 * from the Docker secret `amqp_password` (/run/secrets/amqp_password) or env AMQP_PASSWORD.
 */
export const AmqpConfigSchema = z
  .object({
    url: z
      .string()
      .regex(/^amqps?:\/\/\S+$/, 'an amqp:// or amqps:// URL')
      .default(DEFAULT_AMQP_URL),
    password: z.string().min(1).optional(),
  })
  .superRefine(({ url, password }, ctx) => {
    // A URL naming a user but no password would fail at the broker with a vaguer message.
    if (userWithoutPassword(url) && !password) {
      ctx.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'the broker URL names a user but no password',
      });
    }
  });

export type AmqpConfig = z.output<typeof AmqpConfigSchema>;

/** The keys loadConfig must treat as secrets (pass as its `secrets` option). */
export const AMQP_SECRETS = ['amqp.password'];

/** The URL amqplib gets: the configured one, with the secret password put in when there is one. */
export function brokerUrl({ url, password }: AmqpConfig): string {
  if (!password) return url;
  const parsed = new URL(url);
  parsed.username ||= 'guest';
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function userWithoutPassword(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The `spring` section: Spring Cloud Bus's own property, `spring.cloud.bus.destination`, the topic
 * exchange the bus uses (default springCloudBus). Env SPRING_CLOUD_BUS_DESTINATION overrides it
 * (tests give each run its own bus).
 */
export const SpringBusConfigSchema = z.object({
  cloud: z.object({ bus: z.object({ destination: z.string().min(1).default('springCloudBus') }) }),
});
