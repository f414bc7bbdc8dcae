import { z } from 'zod';
import { bindHostSchema } from '../http';

/**
 * The keys every service's configuration has, whatever else it configures: where it listens
 * (server.port ← PORT, server.host ← HOST: 0.0.0.0 in a container, 127.0.0.1 in local mode), how
 * long it drains at SIGTERM, and which local replica it is. Spread them into the service's schema.
 */
export function serviceKeys(defaultPort: number) {
  return {
    server: z.object({ port: z.coerce.number().int().min(0).max(65535).default(defaultPort), host: bindHostSchema() }),
    /** At SIGTERM, how long keep-alive clients get to leave before idle connections close (env SHUTDOWN_DRAIN_MS). */
    shutdown: z.object({ drainMs: z.coerce.number().int().min(0).max(30_000).default(0) }),
    /** Lets local mode tell replicas apart ("10.0.0.5#2"); unset in Swarm, where each has its own IP. */
    instance: z
      .string()
      .regex(/^[\w.-]{1,32}$/)
      .optional(),
  };
}
