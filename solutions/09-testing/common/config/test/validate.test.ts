import { z } from 'zod';
import { ConfigError } from '../errors';
import { configBoolean } from '../schema-helpers';
import { validate } from '../validate';

const Schema = z.object({
  server: z.object({ port: z.coerce.number().int().min(0).max(65535) }),
  quotes: z.object({ serviceUrl: z.url(), timeoutMs: z.coerce.number().int().positive() }),
  accounts: z.object({
    vipIds: z.array(z.string().regex(/^\d+$/)).default([]),
    testability: configBoolean().default(false),
  }),
  amqp: z.object({ password: z.string().min(8) }).optional(),
});

const good = new Map<string, unknown>([
  ['server.port', 6767],
  ['quotes.service-url', 'http://127.0.0.1:8080'],
  ['quotes.timeout-ms', '2000'],
  ['accounts.vip-ids', ['10000']],
]);
const origins = new Map([
  ['server.port', 'file:/repo/accountservice.yml'],
  ['quotes.service-url', 'file:/repo/accountservice-dev.yml'],
  ['quotes.timeout-ms', 'env QUOTES_TIMEOUT_MS'],
  ['accounts.vip-ids', 'file:/repo/accountservice.yml'],
]);
const check = (leaves: Map<string, unknown>) => () =>
  validate({ schema: Schema, leaves, origins, secrets: new Set(['amqp.password']) });

describe('validate', () => {
  it('returns the typed, camelCase configuration with defaults applied', () => {
    expect(check(good)()).toEqual({
      server: { port: 6767 },
      quotes: { serviceUrl: 'http://127.0.0.1:8080', timeoutMs: 2000 },
      accounts: { vipIds: ['10000'], testability: false },
    });
  });

  it('refuses an invalid configuration with a ConfigError', () => {
    expect(check(new Map([...good, ['server.port', 'eighty']]))).toThrow(ConfigError);
    expect(check(new Map([...good, ['server.port', 'eighty']]))).toThrow(/refusing to start/);
  });

  it('[schema-errors] names the bad key as written in config-repo, its value and where it came from', () => {
    const attempt = check(new Map([...good, ['quotes.timeout-ms', 'soon']]));
    expect(attempt).toThrow(
      /^Invalid configuration, refusing to start:\n {2}quotes\.timeout-ms = "soon" \(from env QUOTES_TIMEOUT_MS\): .*expected number/,
    );
  });

  it('[schema-errors] names a missing key and says how to set it', () => {
    const leaves = new Map(good);
    leaves.delete('quotes.service-url');
    expect(check(leaves)).toThrow(
      /quotes\.service-url is missing \(set it in the config repository or with env QUOTES_SERVICE_URL\)/,
    );
  });

  it('[schema-errors] names every problem, one line each, including a bad list item by index', () => {
    const leaves = new Map([...good, ['server.port', 70000], ['accounts.vip-ids', ['10000', 'ten']]]);
    let message = '';
    try {
      check(leaves)();
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {2}server\.port = 70000 \(from file:\/repo\/accountservice\.yml\): /);
    expect(lines[1]).toMatch(/^ {2}accounts\.vip-ids\[1\] = "ten" \(from file:\/repo\/accountservice\.yml\): /);
  });

  it('[schema-errors] never prints the value of a secret', () => {
    const attempt = check(new Map([...good, ['amqp.password', 'short']]));
    expect(attempt).toThrow(/amqp\.password = <secret>/);
    expect(attempt).not.toThrow(/short/);
  });
});

describe('validate, when whole sections are missing', () => {
  const Nested = z.object({
    server: z.object({ port: z.number() }),
    amqp: z.object({ password: z.string() }).optional(),
  });

  it('[schema-errors] names the missing leaf keys rather than their parent section', () => {
    const attempt = () => validate({ schema: Nested, leaves: new Map(), origins: new Map(), secrets: new Set() });
    expect(attempt).toThrow(/server\.port is missing/);
  });

  it('leaves an optional section absent', () => {
    expect(
      validate({ schema: Nested, leaves: new Map([['server.port', 1]]), origins: new Map(), secrets: new Set() }),
    ).toEqual({
      server: { port: 1 },
    });
  });
});
