import { parseGelfMessage } from '../src/gelf/gelf-message';
import { flattenLine, toLogLine } from '../src/log-line';
import { gelfJson, pinoLine } from './gelf-datagrams';

const RECEIVED_AT = 1_800_000_000_000;

describe('[gelf-lift] lifting the service line out of GELF', () => {
  it('takes service, level, time, msg and the request id from the pino line', () => {
    const line = pinoLine({
      service: 'quotes-service',
      level: 40,
      time: 1_700_000_000_123,
      msg: 'slow',
      reqId: 't-1',
      x: 1,
    });
    const lifted = toLogLine(parseGelfMessage(gelfJson(line)), RECEIVED_AT);
    expect(lifted).toMatchObject({ service: 'quotes-service', level: 'warn', time: 1_700_000_000_123, msg: 'slow' });
    expect(lifted.reqId).toBe('t-1');
    expect(lifted.fields).toMatchObject({ x: 1, host: 'node-1', container_name: '/accountservice' });
    expect(lifted.fields).not.toHaveProperty('msg');
  });

  it("finds pino-http's request id in req.id and an ISO time", () => {
    const line = JSON.stringify({
      level: 'error',
      time: '2026-01-02T03:04:05.000Z',
      service: 'a',
      req: { id: 'abc' },
      msg: 'x',
    });
    const lifted = toLogLine(parseGelfMessage(gelfJson(line)), RECEIVED_AT);
    expect(lifted).toMatchObject({ reqId: 'abc', level: 'error', time: Date.parse('2026-01-02T03:04:05.000Z') });
  });

  it('reads the line from full_message when short_message is not JSON', () => {
    const gelf = gelfJson('truncated…', { full_message: pinoLine({ msg: 'whole', service: 'vipservice' }) });
    expect(toLogLine(parseGelfMessage(gelf), RECEIVED_AT)).toMatchObject({ msg: 'whole', service: 'vipservice' });
  });

  it('keeps a plain text line as the message, with the envelope filling in', () => {
    const lifted = toLogLine(parseGelfMessage(gelfJson('npm WARN something', { level: 3 })), RECEIVED_AT);
    expect(lifted).toMatchObject({ msg: 'npm WARN something', level: 'error', service: 'accountservice' });
    expect(lifted.time).toBe(1_700_000_000_500);
    expect(lifted.reqId).toBeUndefined();
  });

  it('names a Swarm task by its service and falls back to the host', () => {
    const swarm = gelfJson('text', { _container_name: '/landscape_vipservice.2.k3jd8s7fh2' });
    expect(toLogLine(parseGelfMessage(swarm), RECEIVED_AT).service).toBe('landscape_vipservice');
    const bare = Buffer.from(JSON.stringify({ version: '1.1', host: 'box', short_message: 'hi' }));
    expect(toLogLine(parseGelfMessage(bare), RECEIVED_AT)).toMatchObject({ service: 'box', time: RECEIVED_AT });
  });

  it('flattens to one record with the own fields winning', () => {
    const line = pinoLine({ service: 's', reqId: 'r', time: 0, msg: 'm', host: 'from-line' });
    const flat = flattenLine(toLogLine(parseGelfMessage(gelfJson(line)), RECEIVED_AT));
    expect(flat).toMatchObject({ service: 's', reqId: 'r', msg: 'm', level: 'info', time: '1970-01-01T00:00:00.000Z' });
    expect(flat.host).toBe('from-line');
  });
});
