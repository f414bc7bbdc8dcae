import { z } from 'zod';
import { DatagramError } from './datagram-error';

/**
 * A GELF 1.1 message (https://go2docs.graylog.org/current/getting_in_log_data/gelf.html): `host`
 * and `short_message` are required; additional fields start with "_". Docker's gelf driver puts
 * each line the container wrote in `short_message`.
 */
const GelfMessageSchema = z.looseObject({
  version: z.string().optional(),
  host: z.string(),
  short_message: z.string(),
  full_message: z.string().optional(),
  timestamp: z.number().optional(),
  level: z.number().optional(),
});

export type GelfMessage = z.output<typeof GelfMessageSchema>;

/** Parses the JSON of one GELF message; anything that is not one is "malformed". */
export function parseGelfMessage(json: Buffer): GelfMessage {
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    throw new DatagramError('malformed', 'not JSON');
  }
  const parsed = GelfMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DatagramError('malformed', `not GELF: ${issue.path.join('.') || 'message'}: ${issue.message}`);
  }
  return parsed.data;
}
