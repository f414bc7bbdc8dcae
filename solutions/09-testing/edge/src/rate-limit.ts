import type { Request, RequestHandler, Response } from 'express';
import { sendError } from '../../common/http';

export interface BucketSettings {
  /** How many requests a client may make at once. */
  burst: number;
  /** How fast its allowance refills, in requests per second. */
  perSecond: number;
}

/**
 * Token buckets, one per client: each request takes a token; tokens come back at `perSecond` up to
 * `burst`. Buckets full again are forgotten, so the map holds only the clients active right now.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly settings: BucketSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the request may go; else the seconds until a token is back (for Retry-After). */
  take(key: string): number {
    const { burst, perSecond } = this.settings;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    this.sweep(now);
    return Math.ceil((1 - bucket.tokens) / perSecond);
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    const { burst, perSecond } = this.settings;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }
}

/** 429 with Retry-After once a client (by `keyOf`: its token's client id, else its address) is over its rate. */
export function rateLimit(buckets: TokenBuckets, keyOf: (req: Request, res: Response) => string): RequestHandler {
  return (req, res, next) => {
    const retryAfterS = buckets.take(keyOf(req, res));
    if (retryAfterS === 0) {
      next();
      return;
    }
    res.set('Retry-After', String(retryAfterS));
    sendError(res, 429, 'RATE_LIMITED', `Too many requests; try again in ${retryAfterS} s`);
  };
}
