import type { ConfigView, LogLineView } from '../snapshot';

/** Lines from logtail's GET /logs (chapter 05+), oldest first. */
export async function queryLogs(
  logtailUrl: string,
  filter: { reqId?: string; traceId?: string; since?: number; limit?: number },
): Promise<LogLineView[]> {
  const params = new URLSearchParams({ limit: String(filter.limit ?? 100) });
  if (filter.reqId) params.set('reqId', filter.reqId);
  if (filter.traceId) params.set('traceId', filter.traceId);
  if (filter.since !== undefined) params.set('since', String(filter.since));
  const res = await fetch(`${logtailUrl}/logs?${params}`, { signal: AbortSignal.timeout(2000) });
  if (res.status === 400) throw new Error(((await res.json()) as { error: { message: string } }).error.message);
  if (!res.ok) throw new Error(`logtail answered ${res.status}`);
  const { lines } = (await res.json()) as { lines: (LogLineView & { req?: { url?: string } })[] };
  return lines.map(({ time, service, level, msg, reqId, traceId, req }) => ({
    time,
    service,
    level,
    msg,
    reqId,
    traceId,
    ...(typeof req?.url === 'string' ? { path: req.url } : {}),
  }));
}

/** A line about a poll (breakerstream reading /breakers, Prometheus /metrics, health checks): left out of the live panel. */
export function isHousekeeping(line: LogLineView): boolean {
  return line.path !== undefined && /^\/(health|metrics|breakers|targets)(\?|$)/.test(line.path);
}

const CONFIG_LINE = /^config: (loaded|refreshed) (?:from )?(\S+?):?(?: \(version ([^)]+)\))?(?: |$)(.*)$/;

/**
 * A config client's own account of its configuration (common/config logs it at start and on every
 * refresh): "config: loaded URL (version V) from N source(s): …" or "config: refreshed from URL: changed […]".
 * The services expose no endpoint for it, so the console reads it from their log lines.
 */
export function configEvent(service: string, time: string, msg: string): ConfigView | undefined {
  const match = CONFIG_LINE.exec(msg);
  if (!match) return undefined;
  const [, event, , version, rest] = match;
  return { service, event: event as ConfigView['event'], version: version ?? null, time, detail: shortDetail(rest) };
}

/** "from 3 source(s): file:/…/a.yml, …; overridden: …" → "3 sources: a.yml, b.yml, c.yml": readable on a wall. */
function shortDetail(rest: string): string {
  const sources = /^from (\d+) source\(s\): ([^;]*)/.exec(rest.trim());
  if (!sources) return rest.trim().replace(/^changed \[\]/, 'no key changed');
  const names = sources[2].split(', ').map((name) => name.split(/[/\\]/).pop() ?? name);
  return `${sources[1]} source(s): ${names.join(', ')}`;
}

/** The message of a line a service printed: pino's JSON `msg` (chapter 05+), or the text itself. */
export function messageOf(line: string): { msg: string; time?: string } {
  if (!line.startsWith('{')) return { msg: line };
  try {
    const parsed = JSON.parse(line) as { msg?: unknown; time?: unknown };
    const time = typeof parsed.time === 'number' || typeof parsed.time === 'string' ? new Date(parsed.time) : undefined;
    return { msg: typeof parsed.msg === 'string' ? parsed.msg : line, time: time?.toISOString() };
  } catch {
    return { msg: line };
  }
}
