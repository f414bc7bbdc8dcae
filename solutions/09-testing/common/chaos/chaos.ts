import type { RequestHandler } from 'express';
import { z } from 'zod';
import { configBoolean } from '../config';
import { sendError } from '../http';

/** What POST /chaos sets: a share of requests that fail, and latency added to every request. */
export const ChaosSchema = z.object({
  failureRate: z.number().min(0).max(1).default(0),
  latencyMs: z.number().int().min(0).max(60_000).default(0),
});
export type ChaosSettings = z.output<typeof ChaosSchema>;

/**
 * Chaos switches for tests and demos: outside the production profile a client may make this
 * instance slow or failing. `middleware` applies them to the routes it wraps (never /health, /metrics, /chaos).
 */
export class Chaos {
  private settings: ChaosSettings = { failureRate: 0, latencyMs: 0 };

  constructor(
    /** False in the prod profile: every switch answers 403. */
    readonly allowed: boolean,
    private readonly random: () => number = Math.random,
  ) {}

  get current(): ChaosSettings {
    return this.settings;
  }

  readonly middleware: RequestHandler = (_req, res, next) => {
    const { failureRate, latencyMs } = this.settings;
    const go = () => {
      if (res.destroyed) return; // the client gave up while we waited
      if (failureRate > 0 && this.random() < failureRate) {
        sendError(res, 503, 'CHAOS', 'Failing on purpose (POST /chaos set a failure rate)');
        return;
      }
      next();
    };
    if (latencyMs > 0) setTimeout(go, latencyMs);
    else go();
  };

  readonly show: RequestHandler = (_req, res) => {
    if (!this.refuseInProd(res)) res.json(this.settings);
  };

  readonly set: RequestHandler = (req, res) => {
    if (this.refuseInProd(res)) return;
    const parsed = ChaosSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(
        res,
        400,
        'INVALID_CHAOS',
        `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}; send {"failureRate": 0..1, "latencyMs": 0..60000}`,
      );
      return;
    }
    this.settings = parsed.data;
    res.json(this.settings);
  };

  private refuseInProd(res: Parameters<RequestHandler>[1]): boolean {
    if (this.allowed) return false;
    sendError(res, 403, 'CHAOS_DISABLED', 'Chaos switches are off in the production profile');
    return true;
  }
}

/** The chaos switches work unless the config turns them off or a profile is "prod". */
export function chaosAllowed(enabled: boolean, profile: string): boolean {
  return (
    enabled &&
    !profile
      .split(',')
      .map((p) => p.trim())
      .includes('prod')
  );
}

/** Runs `handler` after the chaos middleware (added latency, failures): for the routes a demo may break. */
export function withChaos<P>(chaos: Chaos, handler: RequestHandler<P>): RequestHandler<P> {
  return (req, res, next) =>
    chaos.middleware(req as never, res, (err?: unknown) => (err ? next(err) : handler(req, res, next)));
}

/** chaos.enabled (config-repo): spread into a service's config schema. */
export const ChaosConfigSchema = z.object({ enabled: configBoolean().default(true) });
