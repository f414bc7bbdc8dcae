import './pact-env';
import express from 'express';
import { MessageProviderPact } from '@pact-foundation/pact';
import { committedPact } from './pact-files';
import { serving, verifyHttpPact } from './verify-provider';
import { buildQuotesApp } from '../under-test/quotes-service';

// The point of a contract: a provider change that breaks a consumer fails the PROVIDER's build,
// before it ships. Here quotes-service "renames a field" (quote → text, as a refactoring might)
// and the committed pact must catch it.
jest.setTimeout(60_000);

/** quotes-service as it would be after the breaking change: every JSON answer's `quote` is now `text`. */
function quotesServiceWithRenamedField() {
  const app = express();
  app.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (body && typeof body === 'object' && 'quote' in body) {
        const { quote, ...rest } = body as Record<string, unknown>;
        return json({ ...rest, text: quote });
      }
      return json(body);
    };
    next();
  });
  app.use(buildQuotesApp({ ipAddress: '10.0.0.9' }));
  return app;
}

describe('a provider change that breaks a consumer', () => {
  it('fails quotes-service’s verification of accountservice’s pact, naming the missing field', async () => {
    const verification = serving(quotesServiceWithRenamedField(), (url) =>
      verifyHttpPact('quotes-service', committedPact('accountservice', 'quotes-service'), url, [
        'quotes-service is up',
      ]),
    );
    await expect(verification).rejects.toThrow(/BodyMismatch.*missing the following keys: quote/);
  });

  it('an additive change (a new field) breaks nobody', async () => {
    const app = express();
    app.use((_req, res, next) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => json(body && typeof body === 'object' ? { ...body, author: 'Yoda' } : body);
      next();
    });
    app.use(buildQuotesApp({ ipAddress: '10.0.0.9' }));
    await serving(app, (url) =>
      verifyHttpPact('quotes-service', committedPact('accountservice', 'quotes-service'), url, [
        'quotes-service is up',
      ]),
    );
  });

  it('fails accountservice’s verification of vipservice’s message pact when the notification renames accountId', async () => {
    // accountservice after the breaking change: the same notification, its `accountId` now `id`.
    const verification = new MessageProviderPact({
      provider: 'accountservice',
      pactUrls: [committedPact('vipservice', 'accountservice')],
      stateHandlers: { 'account 10000 is a VIP': async () => undefined },
      messageProviders: {
        'a notification that a VIP account was read': () => ({
          message: { id: '10000', readAt: new Date().toISOString() },
          __pactMessageMetadata: { contentType: 'application/json' },
        }),
      },
      logLevel: 'warn',
    }).verify();
    await expect(verification).rejects.toThrow(/missing the following keys: accountId/);
  });
});
