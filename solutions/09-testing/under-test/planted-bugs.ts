import { FALLBACK_QUOTE } from '../common/resilience';
import type { QuoteClientOptions } from '../accountservice/src/clients/quote-client';
import type { Quote } from '../accountservice/src/model';

/**
 * In this chapter the learner writes tests. The exercise check proves each learner test CATCHES
 * the bug it is meant to catch: it runs the test once against the real code (must pass) and once
 * with PLANTED_BUG=<name> (must fail). Each planted bug is a small, realistic mistake in the code
 * under test; the under-test modules hand out the broken variant when its name is set
 * (the merge's: common/config/test/under-test.ts).
 */
export const PLANTED_BUGS = {
  /** The quote client never asks quotes-service: every account gets the fallback quote. */
  'quote-always-fallback': 'the quote client answers the fallback without calling quotes-service',
  /** The config merge lets the LEAST specific source win and keeps stale list items. */
  'merge-wrong-precedence': 'mergeSources lets application.yml win over accountservice-dev.yml',
} as const;

export type PlantedBug = keyof typeof PLANTED_BUGS;

export function plantedBug(): PlantedBug | undefined {
  const name = process.env.PLANTED_BUG;
  if (!name) return undefined;
  if (!(name in PLANTED_BUGS))
    throw new Error(`PLANTED_BUG=${name}: no such bug (${Object.keys(PLANTED_BUGS).join(', ')})`);
  return name as PlantedBug;
}

type QuoteClient = (options: QuoteClientOptions) => () => Promise<Quote | undefined>;

export function plantedQuoteClient(real: QuoteClient): QuoteClient {
  if (plantedBug() !== 'quote-always-fallback') return real;
  return () => async () => ({ ...FALLBACK_QUOTE });
}
