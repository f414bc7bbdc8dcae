import { z } from 'zod';

/**
 * One dependency's breaker settings, from config keys `breakers.<dependency>.*` (kebab-case in the
 * config repository: `breakers.quotes-service.timeout-ms`). goblog's hystrix keys map one to one:
 * Timeout → timeout-ms, MaxConcurrentRequests → capacity, ErrorPercentThreshold →
 * error-threshold-percentage, RequestVolumeThreshold → volume-threshold, SleepWindow → reset-timeout-ms.
 */
export const BreakerSettingsSchema = z.object({
  /** How long one call (all its retries included) may take before it is aborted and counted as failed. */
  timeoutMs: z.coerce.number().int().min(1).max(60_000).default(1000),
  /** Opens when this share of the calls in the rolling window failed (once the volume is reached). */
  errorThresholdPercentage: z.coerce.number().min(1).max(100).default(50),
  /** Calls the rolling window needs before the error share can open the breaker. */
  volumeThreshold: z.coerce.number().int().min(0).max(10_000).default(10),
  /** How long the breaker stays open before it lets one trial call through (half-open). */
  resetTimeoutMs: z.coerce.number().int().min(10).max(600_000).default(5000),
  /** The bulkhead: calls in flight at once; one more is rejected (the fallback answers), never queued. */
  capacity: z.coerce.number().int().min(1).max(10_000).default(10),
  /** The rolling window the error share is computed over. */
  rollingWindowMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
});

export type BreakerSettings = z.output<typeof BreakerSettingsSchema>;

/** The defaults, for a dependency the config does not name. */
export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = BreakerSettingsSchema.parse({});

/** Keys opossum reads on every call or state change: changing only these needs no new breaker. */
export const LIVE_IN_PLACE: ReadonlyArray<keyof BreakerSettings> = [
  'timeoutMs',
  'errorThresholdPercentage',
  'resetTimeoutMs',
];

/** The settings keys whose values differ between two settings. */
export function changedKeys(before: BreakerSettings, after: BreakerSettings): Array<keyof BreakerSettings> {
  return (Object.keys(after) as Array<keyof BreakerSettings>).filter((key) => before[key] !== after[key]);
}
