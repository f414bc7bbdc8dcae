import { pbkdf2Sync } from 'node:crypto';

/** The largest strength a client may ask for: about 2^10 × 0.25 ms ≈ 0.3 s of one core. */
export const MAX_STRENGTH = 10;

/**
 * Burns real CPU in proportion to 2^strength (PBKDF2 rounds: about 0.25 ms at strength 0 and
 * 4 ms at goblog's strength=4 on a laptop core), so a demo can make latency and load visible.
 * It blocks the event loop on purpose, like a CPU-bound request handler would.
 */
export function burnCpu(strength: number): void {
  if (!Number.isInteger(strength) || strength < 0 || strength > MAX_STRENGTH) {
    throw new RangeError(`strength must be an integer from 0 to ${MAX_STRENGTH}`);
  }
  pbkdf2Sync('quotes-service', 'lean-and-mean', 500 * 2 ** strength, 32, 'sha256');
}
