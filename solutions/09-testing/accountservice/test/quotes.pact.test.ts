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
  // @exercise pact-consumer: Write the consumer side of the contract: GET /api/quote?strength=4 answers 200 with a JSON quote (a quote, the ipAddress that served it, a language); run accountservice's quote client against Pact's mock server and check it returns that quote, not the fallback.
  // @hint A consumer test states only what the consumer reads: the path, the query it sends and the fields it uses, with example values that match by type (or by pattern for the address). Then it drives the real client at the mock server, which answers exactly the example and fails if the request differs.
  // @hint-api new PactV4({ consumer: 'accountservice', provider: 'quotes-service', dir }).addInteraction().given(…).uponReceiving(…).withRequest('GET', '/api/quote', (b) => b.query({ strength: '4' })).willRespondWith(200, (b) => b.jsonBody({ quote: like('…'), ipAddress: like('10.0.0.9'), language: like('en') })).executeTest(async (server) => expect(await clientFor(server.url)()).toEqual(…)).
  it('[pact-consumer] gets a quote from GET /api/quote?strength=4 through its client', async () => {
    const pact = new PactV4({ consumer: 'accountservice', provider: 'quotes-service', dir, logLevel: 'warn' });
    const example = { quote: 'Do or do not. There is no try.', ipAddress: '10.0.0.9', language: 'en' };
    await pact
      .addInteraction()
      .given('quotes-service is up')
      .uponReceiving('a request for a quote of strength 4')
      .withRequest('GET', '/api/quote', (b) => b.query({ strength: '4' }).headers({ accept: 'application/json' }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          quote: like(example.quote),
          // Any string: accountservice only shows who served the quote (an address, a host name, IP#n).
          ipAddress: like(example.ipAddress),
          language: like(example.language),
        }),
      )
      .executeTest(async (server) => {
        // The real quote, not goblog's fallback (which the client answers when the call fails).
        await expect(clientFor(server.url)()).resolves.toEqual(example);
      });
  });
  // @starter
  // it('[pact-consumer] gets a quote from GET /api/quote?strength=4 through its client', async () => {
  //   void [PactV4, like, dir, clientFor];
  //   throw new Error('exercise pact-consumer: write the consumer test');
  // });
  // @end

  it('[pact-consumer] the committed pact is the one this test writes (PACT_UPDATE=1 rewrites it)', () => {
    const written = path.join(dir, 'accountservice-quotes-service.json');
    expect(interactionsOf(written)).toEqual(interactionsOf(committedPact('accountservice', 'quotes-service')));
  });
});
