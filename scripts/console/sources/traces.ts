import { type ZipkinSpan, servicesOf, serviceOf, traceDuration } from '../../lib/waterfall';
import type { Edge, RequestView } from '../snapshot';

/** The newest traces from a Zipkin v2 API (the zipkin stand-in, or the real Zipkin), newest first. */
export async function recentTraces(zipkinUrl: string, limit = 100): Promise<ZipkinSpan[][]> {
  const res = await fetch(`${zipkinUrl}/api/v2/traces?limit=${limit}&lookback=900000`, {
    signal: AbortSignal.timeout(2000),
  });
  if (!res.ok) throw new Error(`zipkin answered ${res.status}`);
  return (await res.json()) as ZipkinSpan[][];
}

export async function traceById(zipkinUrl: string, traceId: string): Promise<ZipkinSpan[]> {
  const res = await fetch(`${zipkinUrl}/api/v2/trace/${encodeURIComponent(traceId)}`, {
    signal: AbortSignal.timeout(2000),
  });
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`zipkin answered ${res.status}`);
  return (await res.json()) as ZipkinSpan[];
}

/**
 * Who called whom: a CLIENT (or PRODUCER) span of one service whose child span belongs to another
 * service is one call from the first to the second (HTTP, or AMQP for a producer). Counted over traces.
 */
export function edgesOf(traces: readonly ZipkinSpan[][]): Edge[] {
  const counts = new Map<string, Edge>();
  for (const spans of traces) {
    const byId = new Map(spans.map((s) => [s.id, s]));
    for (const child of spans) {
      const parent = child.parentId === undefined ? undefined : byId.get(child.parentId);
      if (!parent || (parent.kind !== 'CLIENT' && parent.kind !== 'PRODUCER')) continue;
      const from = serviceOf(parent);
      const to = serviceOf(child);
      if (from === to) continue;
      const kind = parent.kind === 'PRODUCER' ? 'amqp' : 'http';
      const key = `${from}→${to}:${kind}`;
      const edge = counts.get(key) ?? { from, to, kind, count: 0 };
      edge.count += 1;
      counts.set(key, edge);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from));
}

function pathOf(url: string): string | undefined {
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return undefined;
  }
}

/**
 * A trace worth listing as a request: not a lone message nobody traced receiving (the discovery
 * heartbeats breakerstream hears) and not a poll of /health, /metrics or /breakers.
 */
export function isRequest(spans: readonly ZipkinSpan[], request: RequestView): boolean {
  if (spans.length === 1 && spans[0].kind === 'PRODUCER') return false;
  return !/ \/(health|metrics|breakers|targets)(\?|$)/.test(request.name);
}

/** One line per trace: the request that started it (its root span), how long it took, which services it crossed. */
export function requestOf(spans: readonly ZipkinSpan[]): RequestView | undefined {
  if (spans.length === 0) return undefined;
  const ids = new Set(spans.map((s) => s.id));
  const roots = spans.filter((s) => s.parentId === undefined || !ids.has(s.parentId));
  const root = [...roots].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))[0] ?? spans[0];
  const tags = root.tags ?? {};
  const full = tags['url.full'] ?? tags['http.url'];
  const target = tags['http.target'] ?? tags['url.path'] ?? (full ? pathOf(full) : undefined) ?? tags['http.route'];
  const method = (tags['http.method'] ?? tags['http.request.method'])?.toUpperCase();
  const name = target ? `${method ? `${method} ` : ''}${target}` : (root.name ?? '?');
  return {
    traceId: root.traceId,
    service: serviceOf(root),
    name,
    durationMs: Math.round(traceDuration(spans) / 100) / 10,
    at: Math.round(Math.min(...spans.map((s) => s.timestamp ?? Infinity)) / 1000),
    services: servicesOf(spans),
    error: spans.some((s) => s.tags?.error !== undefined || Number(s.tags?.['http.status_code'] ?? 0) >= 500),
  };
}
