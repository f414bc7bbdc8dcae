import {
  type BreakerRegistry,
  type RetryBudget,
  fallbackImage,
  getJson,
  isRetryable,
  withRetry,
} from '../../../common/resilience';

import type { ImageData } from '../model';

export interface ImageClientOptions {
  /** imageservice's base URL, e.g. http://imageservice:7777. */
  baseUrl: string;
  registry: BreakerRegistry;
  budget: RetryBudget;
  maxAttempts?: number;
}

export const IMAGE_BREAKER = 'imageservice';

/** Fetches an account's image through imageservice's breaker; the placeholder answers when it cannot. */
export function imageClient({ baseUrl, registry, budget, maxAttempts = 3 }: ImageClientOptions) {
  const policy = { maxAttempts, baseDelayMs: 50, maxDelayMs: 400, budget, retryable: isRetryable };
  return function fetchImage(accountId: string): Promise<ImageData> {
    const url = `${baseUrl}/accounts/${encodeURIComponent(accountId)}`;
    return registry.breaker(IMAGE_BREAKER).call(
      (signal) => withRetry((s) => getJson<ImageData>(url, s), policy, signal),
      () => fallbackImage(accountId),
    );
  };
}
