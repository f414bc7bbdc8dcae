/** What imageservice answers for an account (goblog's AccountImage). */
export interface AccountImage {
  id: string;
  url: string;
  servedBy: string;
}

export const ACCOUNT_ID_PATTERN = /^\d{1,20}$/;
/** The accounts the landscape knows (accountservice's seed): "10000" to "10099". */
const FIRST_ACCOUNT = 10000;
const ACCOUNTS = 100;
export const FILTERS = ['grayscale', 'sepia', 'blur'] as const;
export type FilterName = (typeof FILTERS)[number];

export function isKnownAccount(id: string): boolean {
  const n = Number(id);
  return ACCOUNT_ID_PATTERN.test(id) && n >= FIRST_ACCOUNT && n < FIRST_ACCOUNT + ACCOUNTS;
}

/**
 * The account's image: always the same URL for the same id (a filtered rendering on this service,
 * the filter chosen by the id), so caches and tests can rely on it.
 */
export function imageFor(id: string, baseUrl: string, servedBy: string): AccountImage {
  const filter = FILTERS[Number(id) % FILTERS.length];
  return { id, url: `${baseUrl}/image/${id}/filtered?filter=${filter}&size=128`, servedBy };
}
