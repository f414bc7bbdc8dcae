export interface BackoffOptions {
  /** The wait after the first failure. */
  initialMs: number;
  /** Each further wait is this many times the previous one… */
  factor: number;
  /** …but never longer than this: the bound between two attempts. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, factor: 2, maxMs: 5000 };

/**
 * How long to wait before attempt `failures + 1` after `failures` failed attempts in a row
 * (1 → initialMs, 2 → initialMs × factor, …, capped at maxMs). Give `random` to spread
 * replicas that lost the broker at the same moment over the last half of the wait.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random?: () => number): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** exponent);
  if (!random) return Math.round(base);
  return Math.round(base / 2 + (base / 2) * random());
}
