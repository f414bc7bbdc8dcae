import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, configBoolean, loadConfig } from '..';
import { type StubServer, captureLogger, json, stubConfigServer } from './helpers';

// The client against recorded responses in the exact shape a real Spring Cloud Config Server
// answers (see fixtures/README.md), served over real HTTP by a stand-in server.
const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

const AccountSchema = z.object({
  server: z.object({ port: z.coerce.number().int() }),
  db: z.object({ path: z.string() }),
  accounts: z.object({ vipIds: z.array(z.string()), testability: configBoolean() }),
  quotes: z.object({ serviceUrl: z.url() }),
  image: z.object({ url: z.url() }),
});

const InventorySchema = z.object({
  server: z.object({ port: z.coerce.number() }),
  currency: z.enum(['EUR', 'USD']),
  timezone: z.string(),
  feature: z.object({ newPricing: configBoolean() }),
  inventory: z.object({
    reorder: z.object({ threshold: z.coerce.number(), batchSize: z.coerce.number() }),
    tags: z.array(z.string()),
    warehouses: z.array(z.object({ name: z.string(), capacity: z.number() })),
  }),
});

describe('the client against recorded Spring Cloud Config Server responses', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await stubConfigServer((url) => {
      if (url === '/accountservice/dev') return json(fixture('native-accountservice-dev.json'));
      if (url === '/inventory/dev,eu/main') return json(fixture('git-inventory-dev-eu.json'));
      if (url === '/foo/development') return json(fixture('quickstart-foo-development.json'));
      return json({ timestamp: '2024-05-01T10:00:00.000+00:00', status: 404, error: 'Not Found', path: url }, 404);
    });
  });
  afterAll(() => stub.close());

  const load = <S extends z.ZodType>(application: string, profile: string, schema: S, label?: string) => {
    const log = captureLogger();
    return {
      log,
      config: loadConfig({ application, profile, label, schema, serverUrl: stub.url, env: {}, logger: log.logger }),
    };
  };

  it('[precedence-merge] reads a native-profile answer: the dev file beats the service file, env-free', async () => {
    const { config } = load('accountservice', 'dev', AccountSchema);
    expect((await config).current).toEqual({
      server: { port: 6767 },
      db: { path: ':memory:' },
      accounts: { vipIds: ['10000'], testability: true },
      quotes: { serviceUrl: 'http://127.0.0.1:8080' },
      image: { url: 'http://127.0.0.1:7777' },
    });
  });

  it('logs the URL it fetched and every source it used, most specific first', async () => {
    const { config, log } = load('accountservice', 'dev', AccountSchema);
    expect((await config).sources).toEqual([
      'file:/config-repo/accountservice-dev.yml',
      'file:/config-repo/application-dev.yml',
      'file:/config-repo/accountservice.yml',
      'file:/config-repo/application.yml',
    ]);
    expect(log.text()).toContain(`config: fetching ${stub.url}/accountservice/dev`);
    expect(log.text()).toContain(
      'from 4 source(s): file:/config-repo/accountservice-dev.yml, file:/config-repo/application-dev.yml, file:/config-repo/accountservice.yml, file:/config-repo/application.yml',
    );
  });

  it('[precedence-merge] reads a git-backend answer with two profiles and a label: the last profile wins, lists are replaced whole', async () => {
    const { config, log } = load('inventory', 'dev,eu', InventorySchema, 'main');
    expect((await config).current).toEqual({
      server: { port: 7070 },
      currency: 'EUR',
      timezone: 'Europe/Amsterdam',
      feature: { newPricing: true },
      inventory: {
        reorder: { threshold: 3, batchSize: 50 },
        tags: ['fragile', 'bulk', 'cold'],
        warehouses: [{ name: 'Rotterdam', capacity: 1200 }],
      },
    });
    expect(log.text()).toContain('(version b3c1f9e2d8a7c6b5a4f3e2d1c0b9a8f7e6d5c4b3)');
  });

  it('[precedence-merge] reads an older server’s answer without profiles, version or state', async () => {
    const schema = z.object({ foo: z.string(), bar: z.string(), democonfigclient: z.object({ message: z.string() }) });
    const { config } = load('foo', 'development', schema);
    expect((await config).current).toEqual({
      foo: 'from foo development',
      bar: 'spam',
      democonfigclient: { message: 'hello spring io' },
    });
  });

  it('refuses to start when the served values do not fit the schema', async () => {
    const strict = AccountSchema.extend({ db: z.object({ path: z.string().startsWith('/') }) });
    await expect(load('accountservice', 'dev', strict).config).rejects.toThrow(ConfigError);
  });

  it('[schema-errors] names the key, the served value and the file it came from', async () => {
    const strict = AccountSchema.extend({ db: z.object({ path: z.string().startsWith('/') }) });
    await expect(load('accountservice', 'dev', strict).config).rejects.toThrow(
      /db\.path = ":memory:" \(from file:\/config-repo\/accountservice\.yml\): /,
    );
  });

  it('refuses to start on a 404 from the server (e.g. acceptEmpty=false), without retrying', async () => {
    const before = stub.requests.length;
    await expect(load('nobody', 'dev', AccountSchema).config).rejects.toThrow(
      /Refusing to start: config server answered 404 for .*\/nobody\/dev/,
    );
    expect(stub.requests.length - before).toBe(1);
  });
});
