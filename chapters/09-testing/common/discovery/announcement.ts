import { z } from 'zod';

/**
 * What an instance says about itself on the discovery exchange (goblog P11: each service told
 * Turbine where its Hystrix stream was by an AMQP message). `up` on start and again every
 * heartbeat, so an aggregator started later learns every instance; `down` on a graceful stop.
 */
export const AnnouncementSchema = z.object({
  type: z.enum(['up', 'down']),
  service: z.string().min(1),
  /** Which instance ("10.0.0.5", "127.0.0.1#2"): the same as its metrics' instance_id. */
  instance: z.string().min(1),
  /** Its base URL; the aggregator reads `${url}/breakers`. */
  url: z.url({ protocol: /^https?$/ }),
  at: z.iso.datetime(),
});

export type Announcement = z.output<typeof AnnouncementSchema>;
export type InstanceInfo = Pick<Announcement, 'service' | 'instance' | 'url'>;

/** The default exchange name (fanout: every aggregator gets every announcement). */
export const DISCOVERY_EXCHANGE = 'discovery';

/** discovery.exchange (application.yml): spread into a service's config schema. */
export const DiscoveryConfigSchema = z.object({ exchange: z.string().min(1).default(DISCOVERY_EXCHANGE) });
