import os from 'node:os';

/**
 * The address that identifies this instance: its first non-loopback IPv4 address (the
 * container's overlay-network IP in Swarm), or the host name when there is none. In local mode
 * several replicas share one address, so the runner gives each an INSTANCE name to append.
 */
export function instanceAddress(instance?: string): string {
  let address = os.hostname();
  for (const addresses of Object.values(os.networkInterfaces())) {
    const external = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (external) {
      address = external.address;
      break;
    }
  }
  return instance ? `${address}#${instance}` : address;
}
