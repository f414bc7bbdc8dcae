import type { GelfMessage } from './gelf/gelf-message';

/** Small readers for lifting a service's line out of GELF (log-line.ts). */

/** The keys a LogLine holds by name, so they are not repeated in its `fields` (trace_id is its traceId). */
export const OWN_KEYS: ReadonlySet<string> = new Set(['time', 'service', 'level', 'msg', 'reqId', 'trace_id']);

/** The object a JSON line holds, or undefined for text that is not a JSON object. */
export function jsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Epoch milliseconds from a number (pino's `time`) or an ISO string. */
export function epochMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** GELF's `host` and additional fields without their "_" (Docker's _container_name → container_name). */
export function additionalFields(gelf: GelfMessage): Record<string, unknown> {
  const fields: Record<string, unknown> = { host: gelf.host };
  for (const [key, value] of Object.entries(gelf)) {
    if (key.startsWith('_') && key !== '_id') fields[key.slice(1)] = value;
  }
  return fields;
}

/** Docker names a container "/name"; Swarm tasks "/stack_service.1.taskid". */
export function containerService(name: unknown): string | undefined {
  const bare = text(name)?.replace(/^\//, '');
  return bare?.replace(/\.\d+\.[a-z0-9]+$/, '');
}
