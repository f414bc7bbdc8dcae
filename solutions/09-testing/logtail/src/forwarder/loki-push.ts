import { type LogLine, flattenLine } from '../log-line';

/** The body of Loki's push API (POST /loki/api/v1/push), JSON form. */
export interface LokiPush {
  streams: { stream: Record<string, string>; values: [string, string][] }[];
}

/** Loki wants the time as a string of epoch nanoseconds. */
export function nanoseconds(epochMs: number): string {
  return (BigInt(Math.round(epochMs)) * 1_000_000n).toString();
}

/**
 * One stream per (service, level): Loki indexes labels, so they stay few and low-cardinality; the
 * request id and everything else stay inside the line, where LogQL's `| json` finds them.
 */
export function toLokiPush(lines: readonly LogLine[]): LokiPush {
  const streams = new Map<string, LokiPush['streams'][number]>();
  for (const line of lines) {
    const key = `${line.service}\u0000${line.level}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { stream: { service: line.service, level: line.level }, values: [] };
      streams.set(key, stream);
    }
    stream.values.push([nanoseconds(line.time), JSON.stringify(flattenLine(line))]);
  }
  return { streams: [...streams.values()] };
}
