import request from 'supertest';
import { buildApp } from '../src/app';
import { QUOTES, pickQuote } from '../src/quotes';
import { MAX_STRENGTH, burnCpu } from '../src/burn-cpu';

const app = buildApp({ ipAddress: '10.0.0.9', random: () => 0 });

describe('GET /api/quote', () => {
  it('answers a quote, the instance that served it and the language', async () => {
    const res = await request(app).get('/api/quote?strength=4');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ quote: QUOTES[0], ipAddress: '10.0.0.9', language: 'en' });
  });

  it('treats a missing strength as 0', async () => {
    expect((await request(app).get('/api/quote')).status).toBe(200);
  });

  it.each([
    ['above the maximum', String(MAX_STRENGTH + 1)],
    ['far above the maximum', '99'],
    ['negative', '-1'],
    ['a decimal', '2.5'],
    ['not a number', 'high'],
    ['huge', '1'.repeat(400)],
    ['empty', ''],
  ])('answers 400 INVALID_STRENGTH for a strength %s', async (_label, strength) => {
    const res = await request(app).get(`/api/quote?strength=${strength}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_STRENGTH');
  });

  it('answers 400 for a strength given twice', async () => {
    const res = await request(app).get('/api/quote?strength=1&strength=2');
    expect(res.status).toBe(400);
  });

  it('answers unknown paths with 404 and other methods with 405, as JSON', async () => {
    expect((await request(app).get('/api/quotes')).body.error.code).toBe('NOT_FOUND');
    const post = await request(app).post('/api/quote');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
  });

  it('is healthy', async () => {
    expect((await request(app).get('/health')).body).toEqual({ status: 'UP' });
  });
});

describe('the CPU cost of strength', () => {
  it('grows with strength', () => {
    const time = (strength: number) => {
      const started = process.hrtime.bigint();
      burnCpu(strength);
      return Number(process.hrtime.bigint() - started);
    };
    time(0); // warm up
    const cheap = Math.min(time(0), time(0), time(0));
    const costly = Math.min(time(6), time(6), time(6));
    // 2^6 = 64 times the rounds; allow a wide margin for a busy machine.
    expect(costly).toBeGreaterThan(cheap * 8);
  });

  it('refuses a strength outside 0…MAX_STRENGTH', () => {
    expect(() => burnCpu(MAX_STRENGTH + 1)).toThrow(RangeError);
    expect(() => burnCpu(-1)).toThrow(RangeError);
    expect(() => burnCpu(1.5)).toThrow(RangeError);
  });
});

describe('pickQuote', () => {
  it('picks from the whole list', () => {
    expect(pickQuote(() => 0)).toBe(QUOTES[0]);
    expect(pickQuote(() => 0.9999)).toBe(QUOTES[QUOTES.length - 1]);
    expect(new Set(Array.from({ length: 200 }, () => pickQuote())).size).toBeGreaterThan(3);
  });
});
