// accountservice's code these tests drive (the chapter's own).
// PLANTED_BUG selects a broken variant for the exercise checks (see ./planted-bugs.ts).
import { quoteClient as realQuoteClient } from '../accountservice/src/clients/quote-client';
import { plantedQuoteClient } from './planted-bugs';

export { QUOTES_BREAKER, type QuoteClientOptions } from '../accountservice/src/clients/quote-client';
export { VipNotifier } from '../accountservice/src/vip-notifier';
export { buildApp as buildAccountApp } from '../accountservice/src/app';
export { ACCOUNT_ID_PATTERN } from '../accountservice/src/handlers';
export type { Account, Quote } from '../accountservice/src/model';
export type { AccountStore } from '../accountservice/src/store/store';
export { FakeStore } from '../accountservice/test/fake-store';

/** accountservice's quote client (balanced, retried, behind its breaker, goblog's fallback). */
export const quoteClient = plantedQuoteClient(realQuoteClient);
