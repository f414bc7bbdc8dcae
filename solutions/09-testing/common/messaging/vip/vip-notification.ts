import { z } from 'zod';
import { InvalidMessageError } from '../errors';
import { type WorkQueueNames, workQueueTopology } from '../topology';

/**
 * What accountservice publishes when a VIP account is read, and vipservice consumes
 * (goblog P9's `{"accountId", "readAt"}`).
 */
export const VipNotificationSchema = z.object({
  accountId: z.string().regex(/^\d{1,20}$/, 'an account id is 1 to 20 decimal digits'),
  readAt: z.iso.datetime({ offset: true }),
});

export type VipNotification = z.infer<typeof VipNotificationSchema>;

/** The default names (goblog's queue was `vip_queue`, on the default exchange, non-durable: we declare our own). */
export const VIP_NAMES: Required<WorkQueueNames> = {
  exchange: 'vip.events',
  exchangeType: 'topic',
  routingKey: 'vip.account.read',
  queue: 'vip_queue',
};

/** The VIP work queue's topology; tests pass their own names to stay apart from each other. */
export function vipTopology(names: Partial<WorkQueueNames> = {}) {
  return workQueueTopology({ ...VIP_NAMES, ...names });
}

/** Parses and validates a delivery's body; throws InvalidMessageError saying what is wrong. */
export function parseVipNotification(content: Buffer): VipNotification {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    throw new InvalidMessageError(`not JSON: ${JSON.stringify(content.toString('utf8').slice(0, 80))}`);
  }
  const parsed = VipNotificationSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new InvalidMessageError(`not a VIP notification (${problems.join('; ')})`);
  }
  return parsed.data;
}
