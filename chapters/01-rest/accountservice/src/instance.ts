import os from 'node:os';

/**
 * The address that identifies this instance in `servedBy`: its first non-loopback IPv4 address
 * (a container's overlay-network IP in Swarm), or the host name when there is none.
 * goblog parsed /etc/hosts for this; the OS already knows.
 */
export function instanceAddress(): string {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const external = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (external) return external.address;
  }
  return os.hostname();
}
