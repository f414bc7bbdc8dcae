import request from 'supertest';
import { createMetrics } from '../../common/metrics';
import { buildApp } from '../src/app';
import { Chaos } from '../../common/chaos';

function app({ chaosAllowed = true } = {}) {
  const chaos = new Chaos(chaosAllowed);
  const metrics = createMetrics({ service: 'imageservice', instance: 'test#1', processMetrics: false });
  return buildApp({ baseUrl: () => 'http://images.test:7777', servedBy: '10.0.0.9', chaos, metrics });
}

describe('GET /accounts/:accountId', () => {
  it("answers the account's image, the same URL for the same id", async () => {
    const a = app();
    const first = await request(a).get('/accounts/10000').expect(200);
    expect(first.body).toEqual({
      id: '10000',
      url: 'http://images.test:7777/image/10000/filtered?filter=sepia&size=128',
      servedBy: '10.0.0.9',
    });
    expect((await request(a).get('/accounts/10000')).body).toEqual(first.body);
    expect((await request(a).get('/accounts/10001')).body.url).toContain('filter=blur');
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const a = app();
    expect((await request(a).get('/accounts/abc').expect(400)).body.error.code).toBe('INVALID_ACCOUNT_ID');
    expect((await request(a).get('/accounts/99999').expect(404)).body.error.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await request(a).get('/nope').expect(404)).body.error.code).toBe('NOT_FOUND');
  });
});

describe('GET /image/:id/filtered (real CPU work)', () => {
  it('renders and filters the picture: deterministic per id, filter and size', async () => {
    const a = app();
    const sepia = await request(a).get('/image/10001/filtered?filter=sepia&size=64').expect(200);
    expect(sepia.body).toMatchObject({ id: '10001', filter: 'sepia', size: 64, pixels: 4096, servedBy: '10.0.0.9' });
    expect((await request(a).get('/image/10001/filtered?filter=sepia&size=64')).body.checksum).toBe(
      sepia.body.checksum,
    );
    expect((await request(a).get('/image/10001/filtered?filter=grayscale&size=64')).body.checksum).not.toBe(
      sepia.body.checksum,
    );
    expect((await request(a).get('/image/10002/filtered?filter=sepia&size=64')).body.checksum).not.toBe(
      sepia.body.checksum,
    );
  });

  it('works on every pixel of the size asked for (the cost grows with size², see the benchmark)', async () => {
    const a = app();
    const small = (await request(a).get('/image/10001/filtered?filter=blur&size=16').expect(200)).body;
    const large = (await request(a).get('/image/10001/filtered?filter=blur&size=256').expect(200)).body;
    expect([small.pixels, large.pixels]).toEqual([256, 65536]);
    expect(large.checksum).not.toBe(small.checksum);
    expect(typeof large.ms).toBe('number');
  });

  it('refuses an unknown filter and a size out of bounds', async () => {
    const a = app();
    expect((await request(a).get('/image/10001/filtered?filter=emboss').expect(400)).body.error.code).toBe(
      'INVALID_FILTER',
    );
    for (const size of ['0', '1025', '5000', 'big', '-1']) {
      expect((await request(a).get(`/image/10001/filtered?size=${size}`).expect(400)).body.error.code).toBe(
        'INVALID_SIZE',
      );
    }
    await request(a).get('/image/xyz/filtered').expect(400);
  });
});

describe('chaos switches', () => {
  it('make the image routes fail at the set rate, and leave /health alone', async () => {
    const a = app();
    await request(a).post('/chaos').send({ failureRate: 1 }).expect(200, { failureRate: 1, latencyMs: 0 });
    expect((await request(a).get('/accounts/10001').expect(503)).body.error.code).toBe('CHAOS');
    await request(a).get('/health').expect(200);
    await request(a).post('/chaos').send({ failureRate: 0 }).expect(200);
    await request(a).get('/accounts/10001').expect(200);
  });

  it('add latency', async () => {
    const a = app();
    await request(a).post('/chaos').send({ latencyMs: 250 }).expect(200);
    const started = Date.now();
    await request(a).get('/accounts/10001').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect((await request(a).get('/chaos').expect(200)).body).toEqual({ failureRate: 0, latencyMs: 250 });
  });

  it('refuse bad settings', async () => {
    const a = app();
    expect((await request(a).post('/chaos').send({ failureRate: 2 }).expect(400)).body.error.message).toMatch(
      /failureRate/,
    );
    await request(a).post('/chaos').send({ latencyMs: 'slow' }).expect(400);
  });

  it('are refused in the production profile', async () => {
    const a = app({ chaosAllowed: false });
    expect((await request(a).post('/chaos').send({ failureRate: 1 }).expect(403)).body.error.code).toBe(
      'CHAOS_DISABLED',
    );
    await request(a).get('/chaos').expect(403);
    await request(a).get('/accounts/10001').expect(200);
  });
});

describe('GET /metrics', () => {
  it('times requests by route pattern', async () => {
    const a = app();
    await request(a).get('/accounts/10001').expect(200);
    const text = (await request(a).get('/metrics').expect(200)).text;
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/accounts\/:accountId",status="200"\} 1/);
  });
});
