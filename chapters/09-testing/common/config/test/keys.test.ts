import { z } from 'zod';
import { canonicalKey, envName, keyOfPath, secretFileName } from '../keys';
import { schemaKeys } from '../schema-keys';
import { configBoolean } from '../schema-helpers';

describe('property keys', () => {
  it.each([
    ['kebab-case', 'quotes.timeout-ms', 'quotes.timeout-ms'],
    ['camelCase', 'quotes.timeoutMs', 'quotes.timeout-ms'],
    ['snake_case', 'quotes.timeout_ms', 'quotes.timeout-ms'],
    ['upper case', 'Quotes.TIMEOUT-MS', 'quotes.timeout-ms'],
    ['a list item', 'accounts.vipIds[0]', 'accounts.vip-ids[0]'],
    ['a key inside a list of maps', 'inventory.warehouses[1].maxItems', 'inventory.warehouses[1].max-items'],
  ])('writes a key in %s in the canonical form', (_label, key, canonical) => {
    expect(canonicalKey(key)).toBe(canonical);
  });

  it('names the environment variable and the Docker secret file of a key', () => {
    expect(envName('quotes.timeout-ms')).toBe('QUOTES_TIMEOUT_MS');
    expect(envName('server.port')).toBe('SERVER_PORT');
    expect(secretFileName('amqp.password')).toBe('amqp_password');
  });

  it('turns a path in the typed config back into the key as written in config-repo', () => {
    expect(keyOfPath(['quotes', 'timeoutMs'])).toBe('quotes.timeout-ms');
    expect(keyOfPath(['accounts', 'vipIds', 2])).toBe('accounts.vip-ids[2]');
    expect(keyOfPath([])).toBe('');
  });
});

describe('schemaKeys', () => {
  it('lists the leaves of a schema in canonical form, through defaults, optionals, preprocess and unions', () => {
    const schema = z.object({
      server: z.object({ port: z.coerce.number().default(8080) }),
      quotes: z.object({ serviceUrl: z.url().optional(), timeoutMs: z.preprocess((v) => v, z.coerce.number()) }),
      accounts: z.object({ vipIds: z.array(z.string()).default([]), testability: configBoolean().default(false) }),
      hystrix: z.record(z.string(), z.number()).optional(),
    });
    expect(schemaKeys(schema)).toEqual([
      { key: 'server.port', kind: 'value' },
      { key: 'quotes.service-url', kind: 'value' },
      { key: 'quotes.timeout-ms', kind: 'value' },
      { key: 'accounts.vip-ids', kind: 'list' },
      { key: 'accounts.testability', kind: 'value' },
      { key: 'hystrix', kind: 'map' },
    ]);
  });

  it('refuses a schema written with kebab-case keys (the typed config is camelCase)', () => {
    expect(() => schemaKeys(z.object({ quotes: z.object({ 'timeout-ms': z.number() }) }))).toThrow(/camelCase/);
  });
});

describe('configBoolean', () => {
  it('reads true/false from YAML and "true"/"false" from env, and nothing else', () => {
    const schema = configBoolean();
    expect(schema.parse(true)).toBe(true);
    expect(schema.parse('false')).toBe(false);
    expect(schema.parse('true')).toBe(true);
    expect(schema.safeParse('yes').success).toBe(false);
  });
});
