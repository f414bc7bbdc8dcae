import { z } from 'zod';
import { LEVEL_NAMES, type LevelName, levelRank } from './levels';
import type { LogLine } from './log-line';

/** The same rule the services apply to X-Request-ID (common/logging). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const since = z
  .string()
  .transform((value, ctx) => {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time or epoch milliseconds' });
    return ms;
  })
  .optional();

/** GET /logs and GET /logs/stream: every filter optional; an unknown or repeated parameter is refused. */
export const LogQuerySchema = z.strictObject({
  service: z
    .string()
    .regex(/^[\w.@:-]{1,64}$/, 'expected a service name')
    .optional(),
  /** The lowest level wanted: `warn` gives warn, error and fatal. */
  level: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(LEVEL_NAMES))
    .optional(),
  reqId: z.string().regex(REQUEST_ID, 'expected a request id (1–128 of A-Z a-z 0-9 . _ : -)').optional(),
  /** Chapter 06: the lines written in one trace (32 hex digits, as Zipkin shows it). */
  traceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'expected a trace id (32 lower-case hex digits)')
    .optional(),
  since,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export type LogQuery = z.output<typeof LogQuerySchema>;
export type LogFilter = Omit<LogQuery, 'limit'>;

export class QueryError extends Error {}

/** The query string as a LogQuery, or a QueryError naming the first bad parameter. */
export function parseLogQuery(query: unknown): LogQuery {
  const parsed = LogQuerySchema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
  const where = unknownKeys ?? (issue.path.join('.') || 'query');
  throw new QueryError(unknownKeys ? `unknown parameter: ${where}` : `${where}: ${issue.message}`);
}

export function matchesFilter(line: LogLine, filter: LogFilter): boolean {
  if (filter.service !== undefined && line.service !== filter.service) return false;
  if (filter.level !== undefined && levelRank(line.level) < levelRank(filter.level as LevelName)) return false;
  if (filter.reqId !== undefined && line.reqId !== filter.reqId) return false;
  if (filter.traceId !== undefined && line.traceId !== filter.traceId) return false;
  return filter.since === undefined || line.time >= filter.since;
}
