// accountservice's code these tests drive. Today chapter 07's; when chapter 09 is assembled
// (08 + these parts) only the paths below change: '../07-breakers/accountservice/…' → '../accountservice/…'.
// PLANTED_BUG selects a broken variant for the exercise checks (see ./planted-bugs.ts).
import { quoteClient as realQuoteClient } from '../../07-breakers/accountservice/src/clients/quote-client';
import { plantedQuoteClient } from './planted-bugs';

export { QUOTES_BREAKER, type QuoteClientOptions } from '../../07-breakers/accountservice/src/clients/quote-client';
export { VipNotifier } from '../../07-breakers/accountservice/src/vip-notifier';
export { buildApp as buildAccountApp } from '../../07-breakers/accountservice/src/app';
export { ACCOUNT_ID_PATTERN } from '../../07-breakers/accountservice/src/handlers';
export type { Account, Quote } from '../../07-breakers/accountservice/src/model';
export type { AccountStore } from '../../07-breakers/accountservice/src/store/store';
export { FakeStore } from '../../07-breakers/accountservice/test/fake-store';

/** accountservice's quote client (chapter 07: balanced, retried, behind its breaker, goblog's fallback). */
export const quoteClient = plantedQuoteClient(realQuoteClient);
