import { readManifest } from '../lib/manifest';
import { accessSummary } from '../lib/pretty-line';
import { type Chapter, UsageError } from '../lib/paths';
import { pc, say, serviceColour } from '../lib/ui';

export interface TailLine {
  time: string;
  service: string;
  level: string;
  msg: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  /** Chapter 06 on: the trace the line was written in, and the trace store's page for it. */
  traceId?: string;
  traceUrl?: string;
}

/** The query logtail's GET /logs answers: one request's lines (--req), one service's (--service), or both. */
export function logsQuery({ req, service }: { req?: string; service?: string }): string {
  if (!req && !service) throw new UsageError('logs needs --req ID (one request across services) or --service NAME');
  const params = new URLSearchParams({ limit: '1000' });
  if (req) params.set('reqId', req);
  if (service) params.set('service', service);
  return params.toString();
}

/** One line of the story: time, service (coloured as in the merged view), level, message. */
export function formatLine(line: TailLine, services: string[]): string {
  const index = Math.max(0, services.indexOf(line.service));
  const level = line.level === 'error' || line.level === 'fatal' ? pc.red(line.level) : line.level;
  const access = accessSummary(line);
  const msg = access ? `${line.msg}: ${access}` : line.msg;
  return `${pc.dim(line.time.slice(11, 23))} ${serviceColour(index)(line.service.padEnd(16))} ${level.padEnd(5)} ${msg}`;
}

/**
 * `npm run logs:N -- --req ID`: one request's story across services, oldest first, from the
 * chapter's log tail (logtail's GET /logs?reqId=); `--url` when it runs elsewhere (Swarm: :12203).
 */
export async function logsCommand(
  chapter: Chapter,
  options: { req?: string; service?: string; url?: string },
): Promise<number> {
  const manifest = readManifest(chapter.solutionDir);
  const tail = manifest.services.find((s) => s.name === manifest.gelf);
  if (!tail) throw new UsageError(`Chapter ${chapter.number} has no log tail: logtail arrives in chapter 5.`);
  const base = options.url ?? `http://127.0.0.1:${tail.port}`;
  const query = logsQuery(options);
  let res: Response;
  try {
    res = await fetch(`${base}/logs?${query}`);
  } catch {
    throw new UsageError(
      `No log tail answers at ${base}: start the landscape with "npm run chapter:${chapter.number}".`,
    );
  }
  if (!res.ok) throw new UsageError(`${base}/logs answered ${res.status}: ${await res.text()}`);
  const { lines } = (await res.json()) as { lines: TailLine[] };
  const names = manifest.services.map((s) => s.name);
  const sorted = [...lines].sort((a, b) => a.time.localeCompare(b.time));
  for (const line of sorted) console.log(formatLine(line, names));
  const services = [...new Set(sorted.map((l) => l.service))];
  // Chapter 06 on: the request's trace, one click away.
  for (const url of new Set(sorted.flatMap((l) => (l.traceUrl ? [l.traceUrl] : [])))) console.log(`  trace: ${url}`);
  if (sorted.length) say.ok(`${sorted.length} line(s) from ${services.join(', ')}`);
  else say.warn(`No lines for ${query.replace('limit=1000&', '')} (yet): logtail keeps the newest lines per service.`);
  return sorted.length ? 0 : 1;
}
