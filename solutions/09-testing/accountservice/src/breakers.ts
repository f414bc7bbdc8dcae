import { z } from 'zod';
import {
  BreakerRegistry,
  type BreakerSettings,
  BreakerSettingsSchema,
  type LiveSource,
  RetryBudget,
  followBreakerSettings,
} from '../../common/resilience';
import { IMAGE_BREAKER, imageClient } from './clients/image-client';
import { QUOTES_BREAKER, quoteClient } from './clients/quote-client';

/**
 * accountservice's part of the config schema for chapter 07 (merge into AccountConfigSchema):
 * `breakers.quotes-service.*`, `breakers.imageservice.*` (live), `retries.*` (restart),
 * `image.url` (imageservice's base URL).
 */
export const BreakersConfigSchema = z.object({
  breakers: z.object({
    quotesService: BreakerSettingsSchema.default(BreakerSettingsSchema.parse({})),
    imageservice: BreakerSettingsSchema.default(BreakerSettingsSchema.parse({})),
  }),
  retries: z.object({
    /** Attempts per call, the first included (goblog: 3). */
    maxAttempts: z.coerce.number().int().min(1).max(5).default(3),
    /** Retries allowed per call, over time (0.2: one retry per five calls at most). */
    budgetRatio: z.coerce.number().min(0).max(1).default(0.2),
    budgetReserve: z.coerce.number().int().min(0).max(1000).default(10),
  }),
  image: z.object({ url: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:7777') }),
});

export type BreakersConfig = z.output<typeof BreakersConfigSchema>;

/** The config keys a refresh applies live (add to accountservice's LIVE_KEYS). */
export const BREAKER_LIVE_KEYS = ['breakers.quotes-service', 'breakers.imageservice'];

/**
 * Builds the registry (one breaker per dependency), the two clients, and keeps the breakers'
 * settings in step with the config. Call once in main.ts; `registry.shutdown()` at stop.
 */
export function wireBreakers<C extends BreakersConfig>(
  config: LiveSource<C>,
  quotes: { url: string; strength?: number | (() => number) },
  log?: (line: string) => void,
) {
  const settingsByName = (c: BreakersConfig): Record<string, BreakerSettings> => ({
    [QUOTES_BREAKER]: c.breakers.quotesService,
    [IMAGE_BREAKER]: c.breakers.imageservice,
  });
  const registry = new BreakerRegistry(
    (name) => settingsByName(config.current)[name] ?? BreakerSettingsSchema.parse({}),
  );
  const { maxAttempts, budgetRatio, budgetReserve } = config.current.retries;
  // One budget per dependency: a failing imageservice must not use up quotes-service's retries.
  const budget = () => new RetryBudget({ ratio: budgetRatio, reserve: budgetReserve });
  const fetchQuote = quoteClient({
    baseUrl: quotes.url,
    strength: quotes.strength,
    registry,
    budget: budget(),
    maxAttempts,
  });
  const fetchImage = imageClient({ baseUrl: config.current.image.url, registry, budget: budget(), maxAttempts });
  const unfollow = followBreakerSettings(registry, config, settingsByName, log);
  return {
    registry,
    fetchQuote,
    fetchImage,
    stop() {
      unfollow();
      registry.shutdown();
    },
  };
}
