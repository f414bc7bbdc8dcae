import { busIdFor, parseBusEvent, refreshEvent } from '../bus/bus-event';
import { isForSelf, matchesBusId, normalizeDestination } from '../bus/destination';
import { InvalidMessageError } from '../errors';

describe('Spring Cloud Bus destinations', () => {
  it('normalizes a service name the way Spring does (PathDestination)', () => {
    expect(normalizeDestination(undefined)).toBe('**');
    expect(normalizeDestination('  ')).toBe('**');
    expect(normalizeDestination('accountservice')).toBe('accountservice:**');
    expect(normalizeDestination('accountservice:dev')).toBe('accountservice:dev:**');
    expect(normalizeDestination('accountservice:**')).toBe('accountservice:**');
    expect(normalizeDestination('accountservice:dev:6767:abc')).toBe('accountservice:dev:6767:abc');
  });

  const id = 'accountservice:dev:6767:0123abcd';

  it.each([
    ['accountservice:**', true],
    ['accountservice:dev:**', true],
    ['accountservice:prod:**', false],
    ['*:dev:**', true],
    ['account*:**', true],
    ['accountservice:dev:6767:0123abcd', true],
    ['accountservice:dev:6768:*', false],
    ['quotes-service:**', false],
    ['accounts:**', false],
  ])('%s matches %s', (pattern, expected) => {
    expect(matchesBusId(pattern, id)).toBe(expected);
  });

  it('matches an instance with several profiles when any one of them matches (DefaultBusPathMatcher)', () => {
    expect(matchesBusId('accountservice:docker:**', 'accountservice:dev,docker:6767:x')).toBe(true);
    expect(matchesBusId('accountservice:prod:**', 'accountservice:dev,docker:6767:x')).toBe(false);
  });

  it('treats a missing destination and ** as everyone', () => {
    expect(isForSelf(undefined, id)).toBe(true);
    expect(isForSelf(null, id)).toBe(true);
    expect(isForSelf('**', id)).toBe(true);
    expect(isForSelf('quotes-service:**', id)).toBe(false);
  });
});

describe('bus events', () => {
  it('builds a RefreshRemoteApplicationEvent in the shape Spring writes', () => {
    const event = refreshEvent('configserver:native:8888:ff', 'accountservice');
    expect(event).toEqual({
      type: 'RefreshRemoteApplicationEvent',
      timestamp: expect.any(Number),
      originService: 'configserver:native:8888:ff',
      destinationService: 'accountservice:**',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(parseBusEvent(Buffer.from(JSON.stringify(event)))).toEqual(event);
  });

  it('reads other Spring events too (only type and id are required) and refuses what is not an event', () => {
    const ack = { type: 'AckRemoteApplicationEvent', id: 'a1', ackId: 'x', originService: 'a:b:1:c', event: 'x' };
    expect(parseBusEvent(Buffer.from(JSON.stringify(ack))).type).toBe('AckRemoteApplicationEvent');
    expect(() => parseBusEvent(Buffer.from('{"type":'))).toThrow(InvalidMessageError);
    expect(() => parseBusEvent(Buffer.from('{"type":"RefreshRemoteApplicationEvent"}'))).toThrow(/id/);
  });

  it('gives every instance a distinct bus id of Spring shape', () => {
    const one = busIdFor('accountservice', 'dev', 6767);
    expect(one).toMatch(/^accountservice:dev:6767:[0-9a-f]{32}$/);
    expect(busIdFor('accountservice', 'dev', 6767)).not.toBe(one);
  });
});
