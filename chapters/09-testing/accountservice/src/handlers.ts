import type { RequestHandler } from 'express';
import { sendError } from '../../common/http';
import type { HealthSwitch } from './health';
import type { AccountResponse, ImageData, Quote } from './model';
import type { AccountStore } from './store/store';

/** Tells vipservice a VIP account was read (chapter 04); returns at once and never throws. */
export interface VipEvents {
  accountRead(accountId: string): void;
}

export interface HandlerDeps {
  store: AccountStore;
  servedBy: string;
  healthSwitch: HealthSwitch;
  /** Chapter 07: through quotes-service's breaker; never rejects (the fallback quote answers). */
  fetchQuote: () => Promise<Quote | undefined>;
  /** Chapter 07: through imageservice's breaker; never rejects (the placeholder answers). */
  fetchImage: (accountId: string) => Promise<ImageData | undefined>;
  vip: VipEvents;
}

export type Handlers = ReturnType<typeof makeHandlers>;

/** Account ids are decimal digits ("10000"); anything else is a client mistake. */
export const ACCOUNT_ID_PATTERN = /^\d{1,20}$/;

export function makeHandlers({ store, servedBy, healthSwitch, fetchQuote, fetchImage, vip }: HandlerDeps) {
  const getAccount: RequestHandler<{ accountId: string }> = async (req, res) => {
    const { accountId } = req.params;
    if (!ACCOUNT_ID_PATTERN.test(accountId)) {
      sendError(res, 400, 'INVALID_ACCOUNT_ID', 'An account id is 1 to 20 decimal digits, e.g. 10000');
      return;
    }

    const account = await store.findAccount(accountId);
    if (!account) {
      sendError(res, 404, 'ACCOUNT_NOT_FOUND', `No account with id ${accountId}`);
      return;
    }
    // Fire and forget: the notification is confirmed, buffered or reported later, never awaited here.
    vip.accountRead(account.id);
    // Both at once, each behind its own breaker: neither rejects, a fallback stands in for a failed call.
    const [quote, imageData] = await Promise.all([fetchQuote(), fetchImage(account.id)]);
    const body: AccountResponse = { ...account, servedBy, ...(quote && { quote }), ...(imageData && { imageData }) };
    res.json(body);
  };

  const health: RequestHandler = async (_req, res) => {
    if (!healthSwitch.healthy) {
      res.status(503).json({ status: 'DOWN', reason: 'Switched to unhealthy via /testability/healthy' });
      return;
    }
    try {
      await store.check();
    } catch (err) {
      res.status(503).json({ status: 'DOWN', reason: `Database unaccessible: ${(err as Error).message}` });
      return;
    }
    res.json({ status: 'UP' });
  };

  const setHealthy: RequestHandler<{ state: string }> = (req, res) => {
    const { state } = req.params;
    if (state !== 'true' && state !== 'false') {
      sendError(res, 400, 'INVALID_STATE', 'Use /testability/healthy/true or /testability/healthy/false');
      return;
    }
    healthSwitch.healthy = state === 'true';
    res.json({ healthy: healthSwitch.healthy });
  };

  return { getAccount, health, setHealthy };
}
