import { z } from 'zod';
import type { TraceQuery } from './span-store';

const DAY_MS = 24 * 60 * 60 * 1000;

const int = (what: string) =>
  z.coerce.number({ error: `${what} must be an integer` }).int(`${what} must be an integer`);

/** GET /api/v2/traces query parameters (zipkin2-api.yaml): endTs and lookback in ms, durations in µs. */
const TraceQuerySchema = z.object({
  serviceName: z.string().min(1).optional(),
  spanName: z.string().min(1).optional(),
  minDuration: int('minDuration').min(0).optional(),
  maxDuration: int('maxDuration').min(0).optional(),
  endTs: int('endTs').min(1).optional(),
  lookback: int('lookback').min(1).optional(),
  limit: int('limit').min(1).max(1000).default(10),
});

/** Parses the query string; a bad value throws an Error whose message names the parameter. */
export function parseTraceQuery(query: Record<string, unknown>, now = Date.now()): TraceQuery {
  const parsed = TraceQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'query'}: ${issue?.message ?? 'invalid'}`);
  }
  const q = parsed.data;
  if (q.maxDuration !== undefined && q.minDuration === undefined) {
    throw new Error('maxDuration: only valid with minDuration');
  }
  const endTs = q.endTs ?? now;
  return {
    ...(q.serviceName && { serviceName: q.serviceName }),
    ...(q.spanName && q.spanName !== 'all' && { spanName: q.spanName }),
    ...(q.minDuration !== undefined && { minDuration: q.minDuration }),
    ...(q.maxDuration !== undefined && { maxDuration: q.maxDuration }),
    endTs,
    // Zipkin's default lookback is endTs itself (everything before it); the UI asks for a day or so.
    lookback: q.lookback ?? Math.max(endTs, DAY_MS),
    limit: q.limit,
  };
}
