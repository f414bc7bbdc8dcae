import request from 'supertest';
import { buildApp } from '../src/app';
import type { ImageData, Quote } from '../src/model';
import { FakeStore } from './fake-store';

function appWith(
  store = new FakeStore(),
  testability = true,
  quotes?: { getQuote: () => Promise<Quote | undefined> },
  fetchImage?: (id: string) => Promise<ImageData | undefined>,
) {
  return buildApp({ store, servedBy: '10.0.0.7', testability, fetchQuote: quotes?.getQuote, fetchImage });
}

const QUOTE: Quote = { quote: 'Make it work, make it right, make it fast.', ipAddress: '10.0.0.42', language: 'en' };

describe('GET /accounts/:accountId', () => {
  it('announces every account it served to the VIP notifier (which decides), never an unknown one', async () => {
    const vip = { accountRead: jest.fn() };
    const app = buildApp({ store: new FakeStore(), servedBy: 'x', testability: false, vip });
    expect((await request(app).get('/accounts/10000')).status).toBe(200);
    expect((await request(app).get('/accounts/99999')).status).toBe(404);
    expect((await request(app).get('/accounts/abc')).status).toBe(400);
    expect(vip.accountRead.mock.calls).toEqual([['10000']]);
  });

  it('answers 200 with the account and the instance that served it', async () => {
    const res = await request(appWith()).get('/accounts/10000');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ id: '10000', name: 'Person_0', servedBy: '10.0.0.7' });
  });

  it('adds the quote quotes-service gave', async () => {
    const quotes = { getQuote: jest.fn(async () => QUOTE) };
    const res = await request(appWith(new FakeStore(), true, quotes)).get('/accounts/10000');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '10000', name: 'Person_0', servedBy: '10.0.0.7', quote: QUOTE });
    expect(quotes.getQuote).toHaveBeenCalledTimes(1);
  });

  it('adds the image imageservice gave, asked for this account, alongside the quote', async () => {
    const image: ImageData = { id: '10000', url: 'http://img.example/10000', servedBy: '10.0.0.9' };
    const fetchImage = jest.fn(async () => image);
    const quotes = { getQuote: async () => QUOTE };
    const res = await request(appWith(new FakeStore(), true, quotes, fetchImage)).get('/accounts/10000');
    expect(res.body).toEqual({ id: '10000', name: 'Person_0', servedBy: '10.0.0.7', quote: QUOTE, imageData: image });
    expect(fetchImage.mock.calls).toEqual([['10000']]);
  });

  it('serves the account without a quote when there is none', async () => {
    const quotes = { getQuote: async () => undefined };
    const res = await request(appWith(new FakeStore(), true, quotes)).get('/accounts/10000');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '10000', name: 'Person_0', servedBy: '10.0.0.7' });
  });

  it('asks for no quote for an account that does not exist', async () => {
    const quotes = { getQuote: jest.fn(async () => QUOTE) };
    expect((await request(appWith(new FakeStore(), true, quotes)).get('/accounts/99999')).status).toBe(404);
    expect(quotes.getQuote).not.toHaveBeenCalled();
  });

  it('[not-found] answers 404 ACCOUNT_NOT_FOUND for an id the store does not have', async () => {
    const res = await request(appWith()).get('/accounts/99999');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'ACCOUNT_NOT_FOUND', message: 'No account with id 99999' } });
  });

  it.each([
    ['letters', 'abc'],
    ['a negative number', '-1'],
    ['a decimal', '10.5'],
    ['an absurdly long id', '1'.repeat(500)],
    ['spaces', '100%2000'],
  ])('[validate-id] answers 400 INVALID_ACCOUNT_ID for %s', async (_label, id) => {
    const store = new FakeStore();
    const lookup = jest.spyOn(store, 'findAccount');
    const res = await request(appWith(store)).get(`/accounts/${id}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_ACCOUNT_ID');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('answers 400 for broken percent-encoding, without a stack trace', async () => {
    const res = await request(appWith()).get('/accounts/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
  });

  it('answers 500 INTERNAL_ERROR as JSON, without details, when the store throws', async () => {
    const store = new FakeStore();
    store.broken = new Error('disk on fire at /var/secret/path');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(appWith(store)).get('/accounts/10000');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
  });
});

describe('unknown routes and methods', () => {
  it('answers 404 NOT_FOUND as JSON for an unknown path (goblog P4: wrong path)', async () => {
    const res = await request(appWith()).get('/invalid/123');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No route for GET /invalid/123' } });
  });

  it('answers 405 with an Allow header for a known path and the wrong method', async () => {
    const res = await request(appWith()).delete('/accounts/10000');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 400 MALFORMED_BODY for a body that is not JSON', async () => {
    const res = await request(appWith())
      .post('/accounts/10000')
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_BODY');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const res = await request(appWith())
      .post('/accounts/10000')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(20_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /health', () => {
  it('[health-check] answers 200 UP when the store answers', async () => {
    const res = await request(appWith()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'UP' });
  });

  it('[health-check] answers 503 DOWN with the reason when the store cannot answer', async () => {
    const store = new FakeStore();
    store.broken = new Error('The database connection is not open');
    const res = await request(appWith(store)).get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'DOWN', reason: 'Database unaccessible: The database connection is not open' });
  });

  it('[health-check] goes DOWN and back UP through the testability route', async () => {
    const app = appWith();
    expect((await request(app).put('/testability/healthy/false')).body).toEqual({ healthy: false });
    const down = await request(app).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('DOWN');
    await request(app).put('/testability/healthy/true');
    expect((await request(app).get('/health')).status).toBe(200);
  });

  it('rejects a testability state other than true/false', async () => {
    const res = await request(appWith()).put('/testability/healthy/maybe');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_STATE');
  });

  it('has no testability route in the prod profile', async () => {
    const res = await request(appWith(new FakeStore(), false)).put('/testability/healthy/false');
    expect(res.status).toBe(404);
  });
});
