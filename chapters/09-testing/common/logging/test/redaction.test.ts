import express from 'express';
import request from 'supertest';
import { REDACTION_CENSOR, requestLogging } from '..';
import { captureLogger } from './capture';

describe('secrets never logged', () => {
  it('redacts Authorization and Cookie request headers and Set-Cookie response headers', async () => {
    const captured = captureLogger();
    const app = express();
    app.use(requestLogging(captured.logger));
    app.get('/accounts/:id', (_req, res) => {
      res.setHeader('Set-Cookie', 'session=cookie-secret-2');
      res.json({ ok: true });
    });
    await request(app)
      .get('/accounts/10000')
      .set('Authorization', 'Bearer secret')
      .set('Cookie', 'session=cookie-secret-1')
      .expect(200);
    const text = captured.text();
    expect(text).not.toMatch(/secret/);
    const [completed] = captured.lines();
    expect(completed).toMatchObject({
      req: { headers: { authorization: REDACTION_CENSOR, cookie: REDACTION_CENSOR } },
      res: { headers: { 'set-cookie': REDACTION_CENSOR } },
    });
  });

  it('redacts passwords and secrets in config objects', () => {
    const captured = captureLogger();
    captured.logger.info({ amqp: { url: 'amqp://rabbitmq:5672', username: 'guest', password: 'hunter2' } }, 'broker');
    captured.logger.info({ config: { amqp: { password: 'hunter3' }, oauth: { secret: 's3cr3t' } } }, 'config');
    captured.logger.info({ password: 'top', security: { 'client-secret': 'cs', clientSecret: 'cs2' } }, 'flat');
    const text = captured.text();
    for (const secret of ['hunter2', 'hunter3', 's3cr3t', '"top"', '"cs"', '"cs2"']) expect(text).not.toContain(secret);
    const [broker, config, flat] = captured.lines();
    expect(broker).toMatchObject({ amqp: { username: 'guest', password: REDACTION_CENSOR } });
    expect(config).toMatchObject({
      config: { amqp: { password: REDACTION_CENSOR }, oauth: { secret: REDACTION_CENSOR } },
    });
    expect(flat).toMatchObject({ password: REDACTION_CENSOR, security: { clientSecret: REDACTION_CENSOR } });
  });

  it('takes more paths to redact from the service', () => {
    const captured = captureLogger({ redact: ['quote.apiKey'] });
    captured.logger.info({ quote: { apiKey: 'k-123', text: 'hi' } }, 'quote');
    expect(captured.text()).not.toContain('k-123');
    expect(captured.lines()[0]).toMatchObject({ quote: { apiKey: REDACTION_CENSOR, text: 'hi' } });
  });
});
