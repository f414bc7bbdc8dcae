import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InvalidMessageError } from '../errors';
import { normalizeDestination } from './destination';

/** Spring Cloud Bus's topic exchange (Spring Cloud Stream declares it topic + durable; so do we). */
export const BUS_EXCHANGE = 'springCloudBus';

export const REFRESH_EVENT_TYPE = 'RefreshRemoteApplicationEvent';

/**
 * What Spring Cloud Bus puts on the wire for a refresh (Jackson, `type` = the event class's simple
 * name): `{"type":"RefreshRemoteApplicationEvent","timestamp":…,"originService":"configserver:native:8888:…",
 * "destinationService":"accountservice:**","id":"…uuid…"}`.
 */
export interface RefreshRemoteApplicationEvent {
  type: typeof REFRESH_EVENT_TYPE;
  timestamp: number;
  originService: string;
  destinationService: string;
  id: string;
}

/** Any bus event (acks, env changes, … from Spring services share the exchange): only `type` and `id` are required. */
const BusEventSchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.number().optional(),
  originService: z.string().nullish(),
  destinationService: z.string().nullish(),
});

export type BusEvent = z.infer<typeof BusEventSchema>;

export function parseBusEvent(content: Buffer): BusEvent {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    throw new InvalidMessageError(`bus event is not JSON: ${JSON.stringify(content.toString('utf8').slice(0, 80))}`);
  }
  const parsed = BusEventSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new InvalidMessageError(`not a bus event (${problems.join('; ')})`);
  }
  return parsed.data;
}

export function refreshEvent(originService: string, destination?: string): RefreshRemoteApplicationEvent {
  return {
    type: REFRESH_EVENT_TYPE,
    timestamp: Date.now(),
    originService,
    destinationService: normalizeDestination(destination),
    id: randomUUID(),
  };
}

/** This instance's bus id, Spring's shape: `application:profiles:port:random`. */
export function busIdFor(application: string, profile: string, port: number | string): string {
  return `${application}:${profile}:${port}:${randomBytes(16).toString('hex')}`;
}
