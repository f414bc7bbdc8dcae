import express from 'express';
import request from 'supertest';
import { REQUEST_ID_HEADER, acceptRequestId, currentRequestId, requestLogging } from '..';
import { captureLogger } from './capture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TEN_KB = 'a'.repeat(10 * 1024);

describe('[request-id] accepting an incoming request id', () => {
  it.each(['t-123', 'a.b_c:d-e', '0af7651916cd43dd8448eb211c80319c', 'x'.repeat(128)])('keeps the sane id %p', (id) => {
    expect(acceptRequestId(id)).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['10 KB long', TEN_KB],
    ['129 characters', 'x'.repeat(129)],
    ['carrying CR/LF', 'ok\r\n{"level":60,"msg":"forged"}'],
    ['non-ASCII', 'é-id'],
    ['with a space', 'a b'],
    ['repeated (an array)', ['a', 'b']],
    ['repeated (joined)', 'a, b'],
    ['not a string', 42],
  ])('replaces an id that is %s with a fresh one', (_why, id) => {
    const accepted = acceptRequestId(id);
    expect(accepted).toMatch(UUID);
    expect(acceptRequestId(id)).not.toBe(accepted);
  });
});

function appWithLogging() {
  const captured = captureLogger();
  const app = express();
  app.use(requestLogging(captured.logger));
  app.get('/accounts/:id', (req, res) => {
    req.log.info({ account: req.params.id }, 'reading the account');
    res.json({ id: req.params.id, seenId: currentRequestId() });
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'UP' });
  });
  return { app, captured };
}

describe('[request-id] the request logging middleware', () => {
  it('honours a sane X-Request-ID, echoes it, and puts it on every line of the request', async () => {
    const { app, captured } = appWithLogging();
    const response = await request(app).get('/accounts/10000').set('X-Request-ID', 't-123').expect(200);
    expect(response.headers[REQUEST_ID_HEADER]).toBe('t-123');
    expect(response.body.seenId).toBe('t-123');
    const lines = captured.lines();
    expect(lines.map((l) => l.msg)).toEqual(['reading the account', 'request completed']);
    for (const line of lines) expect(line).toMatchObject({ reqId: 't-123', service: 'accountservice' });
    expect(lines[1]).toMatchObject({ req: { id: 't-123', method: 'GET' }, res: { statusCode: 200 }, level: 30 });
    // Once per line: the context's id and pino-http's never both write the key.
    for (const raw of captured.text().trim().split('\n')) expect(raw.split('"reqId"')).toHaveLength(2);
  });

  it('makes an id when there is none and answers with it', async () => {
    const { app, captured } = appWithLogging();
    const response = await request(app).get('/accounts/10001').expect(200);
    const id = response.headers[REQUEST_ID_HEADER];
    expect(id).toMatch(UUID);
    expect(captured.lines().every((line) => line.reqId === id)).toBe(true);
  });

  it.each([
    ['10 KB', TEN_KB],
    ['non-ASCII', 'é-evil'],
    ['a JSON fragment', 'x","level":60,"msg":"forged'],
  ])(
    'replaces a hostile id (%s): the response carries a fresh one and the raw id is never logged',
    async (_what, hostile) => {
      const { app, captured } = appWithLogging();
      const response = await request(app).get('/accounts/10002').set('X-Request-ID', hostile).expect(200);
      const id = response.headers[REQUEST_ID_HEADER];
      expect(id).toMatch(UUID);
      expect(captured.lines().every((line) => line.reqId === id)).toBe(true);
      const logged = captured.text();
      expect(logged).not.toContain(hostile);
      expect(logged).not.toContain(JSON.stringify(hostile).slice(1, -1));
      expect(logged).toContain('"x-request-id":"[replaced]"');
    },
  );

  it('does not log health checks, but still gives them an id', async () => {
    const { app, captured } = appWithLogging();
    const response = await request(app).get('/health').expect(200);
    expect(response.headers[REQUEST_ID_HEADER]).toMatch(UUID);
    expect(captured.lines()).toEqual([]);
  });
});
