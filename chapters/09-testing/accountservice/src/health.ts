/**
 * Whether this instance should report itself healthy, apart from what its dependencies say.
 * Flipped by the testability route (goblog P6) so a demo can make Swarm replace a container.
 */
export class HealthSwitch {
  healthy = true;
}
