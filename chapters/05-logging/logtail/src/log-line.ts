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
  /** Every other field of the line (pino's `req`, `res`, `err`, …) and GELF's additional fields. */
  fields: Record<string, unknown>;
}

/**
 * Turns a GELF message into a LogLine. When the message text is a JSON line (what pino writes), its
 * fields are lifted to the top: its `service`, `level`, `time`, `msg` and request id win over the
 * envelope's; otherwise the text itself is the message.
 */
export function toLogLine(gelf: GelfMessage, receivedAt: number): LogLine {
  // TODO(exercise gelf-lift): Lift the JSON of the service's own line (in short_message, else full_message) to the top: service, level, time, msg and the request id come from it when it has them, the GELF envelope fills in the rest.
  // Check it with `npm run verify:5`; a hint: `npm run verify:5 -- --hint gelf-lift`.
  const level = normaliseLevel(gelf.level) ?? 'info';
  return { time: receivedAt, service: gelf.host, level, msg: gelf.short_message, fields: read.additionalFields(gelf) };
}

/** The line as one flat JSON record: what GET /logs answers, SSE sends and the forwarder ships. */
export function flattenLine(line: LogLine): Record<string, unknown> {
  const { fields, ...own } = line;
  return { ...fields, ...own, time: new Date(line.time).toISOString() };
}
