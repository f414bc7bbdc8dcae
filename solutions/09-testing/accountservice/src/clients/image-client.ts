import {
  type BreakerRegistry,
  ReplicaSet,
  type RetryBudget,
  balancedGetJson,
  fallbackImage,
  isRetryable,
  withRetry,
} from '../../../common/resilience';

import type { ImageData } from '../model';

export interface ImageClientOptions {
  /** imageservice's base URL: in Swarm http://tasks.imageservice:7777 (every replica, balanced here). */
  baseUrl: string;
  registry: BreakerRegistry;
  budget: RetryBudget;
  maxAttempts?: number;
}

export const IMAGE_BREAKER = 'imageservice';

/** Fetches an account's image through imageservice's breaker; the placeholder answers when it cannot. */
export function imageClient({ baseUrl, registry, budget, maxAttempts = 3 }: ImageClientOptions) {
  const policy = { maxAttempts, baseDelayMs: 50, maxDelayMs: 400, budget, retryable: isRetryable };
  const getJson = balancedGetJson(new ReplicaSet({ url: baseUrl }));
  return function fetchImage(accountId: string): Promise<ImageData> {
    const path = `/accounts/${encodeURIComponent(accountId)}`;
    return registry.breaker(IMAGE_BREAKER).call(
      (signal) => withRetry((s) => getJson<ImageData>(path, s), policy, signal),
      () => fallbackImage(accountId),
    );
  };
}
