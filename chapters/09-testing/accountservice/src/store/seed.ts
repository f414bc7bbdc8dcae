import type { Account } from '../model';

export const SEED_SIZE = 100;
export const FIRST_ACCOUNT_ID = 10000;

/** The 100 accounts of goblog's Seed(): ids "10000"…"10099", names Person_0…Person_99. */
export function seedAccounts(): Account[] {
  return Array.from({ length: SEED_SIZE }, (_, i) => ({
    id: String(FIRST_ACCOUNT_ID + i),
    name: `Person_${i}`,
  }));
}
