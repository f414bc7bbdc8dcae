import { type Span, normalize } from './span';

export interface StoreLimits {
  /** Traces kept; the oldest is evicted first. */
  maxTraces: number;
  /** Spans kept over all traces; oldest traces go until the total fits. */
  maxSpans: number;
}

export interface TraceQuery {
  serviceName?: string;
  spanName?: string;
  /** Microseconds: a span in the trace lasted at least this long. */
  minDuration?: number;
  maxDuration?: number;
  /** Epoch milliseconds: the trace started at or before this time. */
  endTs: number;
  /** Milliseconds before endTs the trace may have started. */
  lookback: number;
  limit: number;
}

export interface StoreStats {
  traces: number;
  spans: number;
  evictedTraces: number;
  evictedSpans: number;
  acceptedSpans: number;
}

/**
 * Zipkin's in-memory storage, bounded: traces in arrival order (a Map keeps insertion order), the
 * oldest evicted when there are more than maxTraces traces or maxSpans spans. Evictions are counted.
 */
export class SpanStore {
  private readonly traces = new Map<string, Span[]>();
  private spanCount = 0;
  private evictedTraces = 0;
  private evictedSpans = 0;
  private acceptedSpans = 0;

  constructor(private readonly limits: StoreLimits) {}

  add(spans: readonly Span[]): void {
    for (const raw of spans) {
      const span = normalize(raw);
      const trace = this.traces.get(span.traceId);
      if (!trace) {
        this.traces.set(span.traceId, [span]);
        this.spanCount += 1;
      } else {
        // The same span reported twice (a retry) replaces the first copy; a shared span (the
        // server side of a client's id) is another span.
        const same = trace.findIndex((s) => s.id === span.id && s.kind === span.kind && s.shared === span.shared);
        if (same >= 0) trace[same] = span;
        else {
          trace.push(span);
          this.spanCount += 1;
        }
      }
      this.acceptedSpans += 1;
    }
    this.evict();
  }

  private evict(): void {
    for (const [traceId, trace] of this.traces) {
      if (this.traces.size <= this.limits.maxTraces && this.spanCount <= this.limits.maxSpans) return;
      if (this.traces.size === 1) {
        // One trace larger than the whole budget keeps its newest spans.
        const drop = this.spanCount - this.limits.maxSpans;
        trace.splice(0, drop);
        this.spanCount -= drop;
        this.evictedSpans += drop;
        return;
      }
      this.traces.delete(traceId);
      this.spanCount -= trace.length;
      this.evictedTraces += 1;
      this.evictedSpans += trace.length;
    }
  }

  /** GET /api/v2/trace/{traceId}: a 16-hex id also finds the 32-hex trace that ends with it. */
  trace(traceId: string): Span[] | undefined {
    const id = traceId.toLowerCase();
    const found = this.traces.get(id) ?? (id.length === 16 ? this.findByLowBits(id) : undefined);
    return found && found.length > 0 ? [...found] : undefined;
  }

  private findByLowBits(id: string): Span[] | undefined {
    for (const [traceId, spans] of this.traces) if (traceId.endsWith(id)) return spans;
    return undefined;
  }

  /** GET /api/v2/services: every service name seen on a local or remote endpoint, sorted. */
  services(): string[] {
    const names = new Set<string>();
    for (const span of this.allSpans()) {
      if (span.localEndpoint?.serviceName) names.add(span.localEndpoint.serviceName);
      if (span.remoteEndpoint?.serviceName) names.add(span.remoteEndpoint.serviceName);
    }
    return [...names].sort();
  }

  /** GET /api/v2/spans?serviceName=: the span names a service recorded, sorted. */
  spanNames(serviceName: string): string[] {
    const service = serviceName.toLowerCase();
    const names = new Set<string>();
    for (const span of this.allSpans()) {
      if (span.localEndpoint?.serviceName === service && span.name) names.add(span.name);
    }
    return [...names].sort();
  }

  /** GET /api/v2/traces: the traces nearest to endTs that have a span matching every filter, newest first. */
  query(q: TraceQuery): Span[][] {
    const service = q.serviceName?.toLowerCase();
    const spanName = q.spanName?.toLowerCase();
    const fromUs = (q.endTs - q.lookback) * 1000;
    const toUs = q.endTs * 1000;
    const matches = (span: Span) =>
      (!service || span.localEndpoint?.serviceName === service || span.remoteEndpoint?.serviceName === service) &&
      (!spanName || span.name === spanName) &&
      (q.minDuration === undefined || (span.duration ?? 0) >= q.minDuration) &&
      (q.maxDuration === undefined || (span.duration ?? 0) <= q.maxDuration);
    const found: { start: number; spans: Span[] }[] = [];
    for (const spans of this.traces.values()) {
      const start = traceStart(spans);
      if (start === undefined || start < fromUs || start > toUs) continue;
      if (spans.some(matches)) found.push({ start, spans: [...spans] });
    }
    return found
      .sort((a, b) => b.start - a.start)
      .slice(0, q.limit)
      .map((t) => t.spans);
  }

  stats(): StoreStats {
    return {
      traces: this.traces.size,
      spans: this.spanCount,
      evictedTraces: this.evictedTraces,
      evictedSpans: this.evictedSpans,
      acceptedSpans: this.acceptedSpans,
    };
  }

  private *allSpans(): Iterable<Span> {
    for (const spans of this.traces.values()) yield* spans;
  }
}

/** Epoch microseconds of a trace's earliest span (undefined when no span has a timestamp). */
export function traceStart(spans: readonly Span[]): number | undefined {
  let start: number | undefined;
  for (const { timestamp } of spans)
    if (timestamp !== undefined && (start === undefined || timestamp < start)) start = timestamp;
  return start;
}
