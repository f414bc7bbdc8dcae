import '../../test/pact-env';
import path from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { committedPact, consumerPactDir, interactionsOf, removeConsumerPactDir } from '../../test/pact-files';
import { BreakerRegistry, DEFAULT_BREAKER_SETTINGS, RetryBudget } from '../../under-test/common';
import { quoteClient } from '../../under-test/accountservice';

// accountservice is quotes-service's consumer: this test states what accountservice needs from
// GET /api/quote (and nothing more), drives accountservice's REAL quote client against Pact's mock
// server, and writes the pact quotes-service must then honour (quotes-service/test/quotes.provider.test.ts).
const { like } = MatchersV3;
const dir = consumerPactDir();
afterAll(() => removeConsumerPactDir(dir));
const registries: BreakerRegistry[] = [];
afterAll(() => registries.forEach((r) => r.shutdown()));

/** accountservice's quote client as main.ts wires it (one attempt: a contract is about one call). */
function clientFor(baseUrl: string) {
  const registry = new BreakerRegistry(() => ({ ...DEFAULT_BREAKER_SETTINGS, timeoutMs: 10_000 }));
  registries.push(registry);
  return quoteClient({
    baseUrl,
    registry,
    budget: new RetryBudget({ ratio: 0.2, reserve: 10 }),
    maxAttempts: 1,
    strength: 4,
  });
}

describe('accountservice → quotes-service (consumer-driven contract)', () => {
  // TODO(exercise pact-consumer): Write the consumer side of the contract: GET /api/quote?strength=4 answers 200 with a JSON quote (a quote, the ipAddress that served it, a language); run accountservice's quote client against Pact's mock server and check it returns that quote, not the fallback.
  // Check it with `npm run verify:9`; a hint: `npm run verify:9 -- --hint pact-consumer`.
  it('[pact-consumer] gets a quote from GET /api/quote?strength=4 through its client', async () => {
    void [PactV4, like, dir, clientFor];
    throw new Error('exercise pact-consumer: write the consumer test');
  });

  it('[pact-consumer] the committed pact is the one this test writes (PACT_UPDATE=1 rewrites it)', () => {
    const written = path.join(dir, 'accountservice-quotes-service.json');
    expect(interactionsOf(written)).toEqual(interactionsOf(committedPact('accountservice', 'quotes-service')));
  });
});
