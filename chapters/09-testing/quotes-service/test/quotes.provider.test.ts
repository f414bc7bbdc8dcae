import '../../test/pact-env';
import { committedPact } from '../../test/pact-files';
import { serving, verifyHttpPact } from '../../test/verify-provider';
import { buildQuotesApp } from '../../under-test/quotes-service';

// quotes-service is held to what its consumers wrote down: the committed pact, replayed against
// its real Express app (the same buildApp main.ts serves).
jest.setTimeout(60_000);

describe('quotes-service honours its consumers’ pacts', () => {
  it('answers accountservice’s GET /api/quote as the pact says', async () => {
    await serving(buildQuotesApp({ ipAddress: '10.0.0.9' }), (url) =>
      verifyHttpPact('quotes-service', committedPact('accountservice', 'quotes-service'), url, [
        'quotes-service is up',
      ]),
    );
  });
});
