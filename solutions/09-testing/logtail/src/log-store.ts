import { type LogFilter, matchesFilter } from './log-query';
import type { LogLine } from './log-line';
import { RingBuffer } from './ring-buffer';

export interface LogStoreOptions {
  /** Lines kept per service: the newest win. */
  linesPerService: number;
  /** Distinct services kept; a new one beyond it replaces the one heard from least recently. */
  maxServices: number;
}

export type LineListener = (line: LogLine) => void;

/** The newest lines of every service, searchable, with live listeners (GET /logs/stream). */
export class LogStore {
  private readonly buffers = new Map<string, RingBuffer<LogLine>>();
  private readonly listeners = new Set<LineListener>();

  constructor(private readonly options: LogStoreOptions) {}

  add(line: LogLine): void {
    let buffer = this.buffers.get(line.service);
    if (buffer) {
      this.buffers.delete(line.service);
    } else {
      buffer = new RingBuffer<LogLine>(this.options.linesPerService);
      if (this.buffers.size >= this.options.maxServices) {
        const [leastRecent] = this.buffers.keys();
        this.buffers.delete(leastRecent);
      }
    }
    // Map order is insertion order: re-inserting keeps the least recently heard-from service first.
    this.buffers.set(line.service, buffer);
    buffer.push(line);
    for (const listener of this.listeners) listener(line);
  }

  /** The newest `limit` matching lines, oldest first. */
  query(filter: LogFilter, limit: number): LogLine[] {
    const buffers = filter.service === undefined ? [...this.buffers.values()] : [this.buffers.get(filter.service)];
    const matching = buffers.flatMap((buffer) => buffer?.toArray() ?? []).filter((line) => matchesFilter(line, filter));
    matching.sort((a, b) => a.time - b.time);
    return matching.slice(-limit);
  }

  services(): string[] {
    return [...this.buffers.keys()].sort();
  }

  /** Open live listeners (GET /logs/stream clients). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Calls `listener` with every line added from now on; returns the unsubscribe function. */
  subscribe(listener: LineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
