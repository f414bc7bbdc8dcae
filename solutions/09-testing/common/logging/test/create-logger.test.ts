import { Writable } from 'node:stream';
import { createLogger, logFormatFromEnv, runWithRequestContext } from '..';
import { captureLogger } from './capture';

describe('the service logger', () => {
  it('puts service, instance, level and time on every line, and reqId inside a request', () => {
    const { logger, lines } = captureLogger({ service: 'vipservice', instance: '10.0.0.5' });
    logger.info('outside');
    runWithRequestContext({ requestId: 't-9' }, () => logger.child({ logger: 'amqp' }).warn('inside'));
    const [outside, inside] = lines();
    expect(outside).toMatchObject({ service: 'vipservice', instance: '10.0.0.5', level: 30, msg: 'outside' });
    expect(typeof outside.time).toBe('number');
    expect(outside).not.toHaveProperty('reqId');
    expect(inside).toMatchObject({ service: 'vipservice', level: 40, reqId: 't-9', logger: 'amqp' });
  });

  it('writes readable lines with LOG_FORMAT=pretty', () => {
    expect(logFormatFromEnv({ LOG_FORMAT: 'pretty' })).toBe('pretty');
    expect(logFormatFromEnv({})).toBe('json');
    const written: string[] = [];
    const logger = createLogger({
      service: 'accountservice',
      format: 'pretty',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          written.push(chunk.toString('utf8'));
          done();
        },
      }),
    });
    runWithRequestContext({ requestId: 't-7' }, () => logger.info({ password: 'hunter2' }, 'hello there'));
    const text = written.join('');
    expect(text).toMatch(/INFO.*hello there/);
    expect(text).toContain('t-7');
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/^\{/);
  });
});
