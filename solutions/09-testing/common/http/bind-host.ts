import { z } from 'zod';

/** Containers bind every interface; local mode sets HOST=127.0.0.1 (a laptop on a shared network). */
const DEFAULT_BIND_HOST = '0.0.0.0';

/** The address a service binds: an IPv4 or IPv6 address (HOST), 0.0.0.0 when unset. */
export function bindHostSchema() {
  return z
    .union([z.ipv4(), z.ipv6()], { error: 'an IP address to bind, e.g. 127.0.0.1 or 0.0.0.0' })
    .default(DEFAULT_BIND_HOST);
}
