import { InvalidMessageError } from '../errors';
import { parseVipNotification, vipTopology } from '../vip/vip-notification';

const parse = (text: string) => parseVipNotification(Buffer.from(text));

describe('VIP notifications', () => {
  it('accepts {accountId, readAt} and drops unknown keys', () => {
    expect(parse('{"accountId":"10000","readAt":"2026-05-01T10:00:00.000Z","extra":1}')).toEqual({
      accountId: '10000',
      readAt: '2026-05-01T10:00:00.000Z',
    });
  });

  it.each([
    ['not JSON', 'readAt":', /not JSON/],
    ['a bad account id', '{"accountId":"abc","readAt":"2026-05-01T10:00:00Z"}', /accountId: an account id is 1 to 20/],
    ['a missing readAt', '{"accountId":"10000"}', /readAt/],
    ['a readAt that is no time', '{"accountId":"10000","readAt":"yesterday"}', /readAt/],
  ])('refuses %s, saying why', (_what, text, message) => {
    expect(() => parse(text)).toThrow(InvalidMessageError);
    expect(() => parse(text)).toThrow(message);
  });

  it('names the dead-letter exchange and queue after the work queue', () => {
    expect(vipTopology()).toEqual({
      exchange: 'vip.events',
      exchangeType: 'topic',
      routingKey: 'vip.account.read',
      queue: 'vip_queue',
      deadLetterExchange: 'vip.events.dlx',
      deadLetterQueue: 'vip_queue.dlq',
    });
  });
});
