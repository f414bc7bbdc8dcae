import type { GelfMessage } from './gelf/gelf-message';
import { type LevelName, normaliseLevel } from './levels';
import * as read from './line-fields';

/** One log line as logtail keeps it: the service's own fields, lifted out of the GELF envelope. */
export interface LogLine {
  /** Epoch milliseconds. */
  time: number;
  service: string;
  level: LevelName;
  msg: string;
  reqId?: string;
  /** Chapter 06: the trace the line was written in (OpenTelemetry's pino instrumentation adds trace_id). */
  traceId?: string;
  /** Every other field of the line (pino's `req`, `res`, `err`, …) and GELF's additional fields. */
  fields: Record<string, unknown>;
}

/**
 * Turns a GELF message into a LogLine. When the message text is a JSON line (what pino writes), its
 * fields are lifted to the top: its `service`, `level`, `time`, `msg` and request id win over the
 * envelope's; otherwise the text itself is the message.
 */
export function toLogLine(gelf: GelfMessage, receivedAt: number): LogLine {
  // @exercise gelf-lift: Lift the JSON of the service's own line (in short_message, else full_message) to the top: service, level, time, msg and the request id come from it when it has them, the GELF envelope fills in the rest.
  // @hint The service's own JSON line travels inside the GELF message: parse it if it is JSON, and let its fields (service, level, time, msg, request id) win over the envelope's.
  // @hint-api read.jsonObject(gelf.short_message) ?? read.jsonObject(gelf.full_message ?? '') gives the line's fields; normaliseLevel(line.level) ?? normaliseLevel(gelf.level); pino-http puts the id in `reqId` or `req.id`; keep the keys not in read.OWN_KEYS in `fields`, after read.additionalFields(gelf); line-fields.ts (imported as `read`) has the other readers.
  const line = read.jsonObject(gelf.short_message) ?? read.jsonObject(gelf.full_message ?? '') ?? {};
  const envelope = read.additionalFields(gelf);
  const request = line.req as { id?: unknown } | undefined;
  const fields: Record<string, unknown> = { ...envelope };
  for (const [key, value] of Object.entries(line)) {
    if (!read.OWN_KEYS.has(key)) fields[key] = value;
  }
  const gelfTime = gelf.timestamp === undefined ? undefined : Math.round(gelf.timestamp * 1000);
  return {
    time: read.epochMs(line.time) ?? gelfTime ?? receivedAt,
    service:
      read.text(line.service) ??
      read.text(envelope.service) ??
      read.containerService(envelope.container_name) ??
      gelf.host,
    level: normaliseLevel(line.level) ?? normaliseLevel(gelf.level) ?? 'info',
    msg: read.text(line.msg) ?? read.text(line.message) ?? (Object.keys(line).length > 0 ? '' : gelf.short_message),
    reqId: read.text(line.reqId) ?? read.text(request?.id) ?? read.text(envelope.request_id),
    traceId: read.text(line.trace_id),
    fields,
  };
  // @starter
  // const level = normaliseLevel(gelf.level) ?? 'info';
  // return { time: receivedAt, service: gelf.host, level, msg: gelf.short_message, fields: read.additionalFields(gelf) };
  // @end
}

/**
 * The line as one flat JSON record: what GET /logs answers, SSE sends and the forwarder ships. With
 * `traceUi` (the trace store's page, e.g. http://127.0.0.1:9411/zipkin/) a line written in a trace
 * gets `traceUrl`, the link that opens that trace.
 */
export function flattenLine(line: LogLine, traceUi?: string): Record<string, unknown> {
  const { fields, ...own } = line;
  const link = traceUi && line.traceId ? { traceUrl: `${traceUi}#${line.traceId}` } : {};
  return { ...fields, ...own, time: new Date(line.time).toISOString(), ...link };
}
