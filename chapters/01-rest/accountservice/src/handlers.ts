import type { RequestHandler } from 'express';
import { sendError } from './errors';
import type { HealthSwitch } from './health';
import type { AccountResponse } from './model';
import type { AccountStore } from './store/store';

export interface HandlerDeps {
  store: AccountStore;
  servedBy: string;
  healthSwitch: HealthSwitch;
}

export type Handlers = ReturnType<typeof makeHandlers>;

/** Account ids are decimal digits ("10000"); anything else is a client mistake. */
export const ACCOUNT_ID_PATTERN = /^\d{1,20}$/;

export function makeHandlers({ store, servedBy, healthSwitch }: HandlerDeps) {
  const getAccount: RequestHandler<{ accountId: string }> = async (req, res) => {
    const { accountId } = req.params;
    // TODO(exercise validate-id): Answer 400 INVALID_ACCOUNT_ID for an id that is not 1-20 decimal digits.
    // Check it with `npm run verify:1`; a hint: `npm run verify:1 -- --hint validate-id`.

    const account = await store.findAccount(accountId);
    // TODO(exercise not-found): Answer 404 ACCOUNT_NOT_FOUND when the store has no account with this id.
    // Check it with `npm run verify:1`; a hint: `npm run verify:1 -- --hint not-found`.
    if (!account) throw new Error(`account ${accountId} is undefined`);
    const body: AccountResponse = { ...account, servedBy };
    res.json(body);
  };

  const health: RequestHandler = async (_req, res) => {
    // TODO(exercise health-check): Report 503 DOWN with a reason when the switch is off or the store cannot answer; 200 UP otherwise.
    // Check it with `npm run verify:1`; a hint: `npm run verify:1 -- --hint health-check`.
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
