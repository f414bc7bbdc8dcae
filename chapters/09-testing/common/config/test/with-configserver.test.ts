import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { ConfigError, ConfigServerUnavailableError, configBoolean, loadConfig, refreshRouter } from '..';
import { startLocalConfigServer } from '../../../test/local-configserver';
import { captureLogger } from './helpers';

// The client against the chapter's own configserver serving (a private copy of) config-repo/.

const AccountServiceSchema = z.object({
  server: z.object({ port: z.coerce.number().int().min(0).max(65535) }),
  db: z.object({ path: z.string().min(1) }),
  accounts: z.object({ testability: configBoolean(), vipIds: z.array(z.string().regex(/^\d{1,20}$/)) }),
  quotes: z.object({ serviceUrl: z.url({ protocol: /^https?$/ }) }),
  // Chapter 07: a breaker's timeout, kebab-case in the files (breakers.quotes-service.timeout-ms).
  breakers: z.object({ quotesService: z.object({ timeoutMs: z.coerce.number().int().min(1).max(60_000) }) }),
});
const QuotesServiceSchema = z.object({
  server: z.object({ port: z.coerce.number().int().min(0).max(65535) }),
  quotes: z.object({ language: z.string().regex(/^[a-z]{2}$/, 'a two-letter language code') }),
  // Chapter 05: Spring's logging.level.<logger> map.
  logging: z.object({ level: z.record(z.string(), z.enum(['debug', 'info', 'warn', 'error'])) }),
});

type Landscape = Awaited<ReturnType<typeof startLocalConfigServer>>;

describe('the client against the local configserver and config-repo/', () => {
  let landscape: Landscape;
  beforeEach(async () => {
    landscape = await startLocalConfigServer();
  });
  afterEach(() => landscape.stop());

  const account = (profile: string, env: NodeJS.ProcessEnv = {}) => {
    const log = captureLogger();
    const config = loadConfig({
      application: 'accountservice',
      profile,
      schema: AccountServiceSchema,
      serverUrl: landscape.url,
      env,
      logger: log.logger,
      liveKeys: ['accounts.vip-ids', 'breakers.quotes-service'],
    });
    return { config, log };
  };
  const quotes = (env: NodeJS.ProcessEnv = {}) => {
    const log = captureLogger();
    const config = loadConfig({
      application: 'quotes-service',
      profile: 'dev',
      schema: QuotesServiceSchema,
      serverUrl: landscape.url,
      env,
      logger: log.logger,
      liveKeys: ['quotes.language', 'logging.level'],
    });
    return { config, log };
  };

  it('loads accountservice (dev) with the runner’s PORT and QUOTES_SERVICE_URL overriding config-repo', async () => {
    const { config, log } = account('dev', { PORT: '41001', QUOTES_SERVICE_URL: 'http://127.0.0.1:41002' });
    const { current } = await config;
    expect(current.server.port).toBe(41001);
    expect(current.quotes.serviceUrl).toBe('http://127.0.0.1:41002');
    expect(current.db.path).toBe(':memory:');
    expect(current.accounts.vipIds).toEqual(['10000']);
    expect(log.text()).toMatch(/accountservice-dev\.yml, file:.*accountservice\.yml, file:.*application\.yml/);
    expect(log.text()).toContain('overridden: server.port ← env PORT, quotes.service-url ← env QUOTES_SERVICE_URL');
  });

  it('[precedence-merge] gives each profile its own values over accountservice.yml', async () => {
    const dev = (await account('dev').config).current;
    expect(dev.quotes).toEqual({ serviceUrl: 'http://127.0.0.1:8080' });
    expect(dev.breakers.quotesService.timeoutMs).toBe(1000);
    expect(dev.accounts.testability).toBe(true);
    const test = (await account('test').config).current;
    expect(test.accounts).toEqual({ testability: true, vipIds: ['10000', '10042'] });
    const prod = (await account('prod').config).current;
    expect(prod.quotes).toEqual({ serviceUrl: 'http://tasks.quotes-service:8080' });
    expect(prod.breakers.quotesService.timeoutMs).toBe(800);
    expect(prod.accounts.testability).toBe(false);
  });

  it('loads quotes-service, with the shared application.yml underneath', async () => {
    expect((await quotes().config).current).toEqual({
      server: { port: 8080 },
      quotes: { language: 'en' },
      logging: { level: { root: 'info' } },
    });
  });

  it('lets an environment variable beat config-repo (QUOTES_LANGUAGE)', async () => {
    expect((await quotes({ QUOTES_LANGUAGE: 'de' }).config).current.quotes.language).toBe('de');
  });

  const unknownApplication = () =>
    loadConfig({
      application: 'nobody',
      profile: 'dev',
      schema: QuotesServiceSchema,
      serverUrl: landscape.url,
      env: {},
      logger: captureLogger().logger,
    });

  it('refuses to start an unknown application, which gets the shared sources only', async () => {
    await expect(unknownApplication()).rejects.toThrow(ConfigError);
  });

  it('[schema-errors] names the keys an unknown application is missing', async () => {
    await expect(unknownApplication()).rejects.toThrow(/server\.port is missing[\s\S]*quotes\.language is missing/);
  });

  it('[schema-errors] refuses a broken value in config-repo, naming the key and the file', async () => {
    landscape.repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: english\n');
    await expect(quotes().config).rejects.toThrow(
      /quotes\.language = "english" \(from file:.*quotes-service\.yml\): a two-letter language code/,
    );
  });

  describe('secrets', () => {
    const WithSecret = QuotesServiceSchema.extend({ amqp: z.object({ password: z.string().min(1) }) });
    let secretsDir: string;
    beforeEach(() => {
      secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-secrets-'));
    });
    afterEach(() => fs.rmSync(secretsDir, { recursive: true, force: true }));
    const load = (env: NodeJS.ProcessEnv, log = captureLogger()) =>
      loadConfig({
        application: 'quotes-service',
        profile: 'dev',
        schema: WithSecret,
        secrets: ['amqp.password'],
        secretsDir,
        serverUrl: landscape.url,
        env,
        logger: log.logger,
      });

    it('reads a secret from its Docker secret file, and logs where from but never the value', async () => {
      fs.writeFileSync(path.join(secretsDir, 'amqp_password'), 'file-secret-value\n');
      const log = captureLogger();
      const config = await load({ AMQP_PASSWORD: 'env-secret-value' }, log);
      expect(config.current.amqp.password).toBe('file-secret-value');
      expect(log.text()).toContain(`amqp.password ← secret file ${path.join(secretsDir, 'amqp_password')}`);
      expect(log.text()).not.toMatch(/secret-value/);
    });

    it('takes it from the environment in local mode, where there is no secret file', async () => {
      expect((await load({ AMQP_PASSWORD: 'env-secret-value' })).current.amqp.password).toBe('env-secret-value');
    });

    it('refuses to start without it', async () => {
      await expect(load({})).rejects.toThrow(ConfigError);
    });
  });

  describe('refresh', () => {
    it('[refresh-diff] applies a live change and reports a restart-only change without applying it', async () => {
      const live = await quotes().config;
      const seen: string[][] = [];
      live.onChange((config, changed) => seen.push([config.quotes.language, ...changed]));
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 9090\nquotes:\n  language: sv\n');
      await expect(live.refresh()).resolves.toEqual({ changed: ['quotes.language'], needsRestart: ['server.port'] });
      expect(live.current.quotes.language).toBe('sv');
      expect(live.current.server.port).toBe(8080);
      expect(seen).toEqual([['sv', 'quotes.language']]);
    });

    it('[refresh-diff] picks up a change to the shared application.yml too', async () => {
      const live = await quotes().config;
      landscape.repo.write('application.yml', 'logging:\n  level:\n    root: debug\n');
      await expect(live.refresh()).resolves.toEqual({ changed: ['logging.level.root'], needsRestart: [] });
      expect(live.current.logging.level).toEqual({ root: 'debug' });
    });

    it('[refresh-diff] runs one refresh at a time: the second of two concurrent ones finds nothing new', async () => {
      const live = await quotes().config;
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: fi\n');
      const [first, second] = await Promise.all([live.refresh(), live.refresh()]);
      expect(first).toEqual({ changed: ['quotes.language'], needsRestart: [] });
      expect(second).toEqual({ changed: [], needsRestart: [] });
    });

    it('reports nothing when nothing changed, and the config stays frozen', async () => {
      const live = await quotes().config;
      await expect(live.refresh()).resolves.toEqual({ changed: [], needsRestart: [] });
      expect(Object.isFrozen(live.current.quotes)).toBe(true);
    });

    it('ignores a repository change to a key the environment overrides', async () => {
      const live = await quotes({ QUOTES_LANGUAGE: 'de' }).config;
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: sv\n');
      await expect(live.refresh()).resolves.toEqual({ changed: [], needsRestart: [] });
      expect(live.current.quotes.language).toBe('de');
    });

    it('refuses an invalid new configuration as a whole and keeps the old one', async () => {
      const live = await quotes().config;
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 9090\nquotes:\n  language: english\n');
      await expect(live.refresh()).rejects.toThrow(ConfigError);
      expect(live.current.quotes.language).toBe('en');
      // and recovers at the next refresh once the file is fixed
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: en\n');
      await expect(live.refresh()).resolves.toEqual({ changed: [], needsRestart: [] });
    });

    it('fails fast (no 30 s retry loop) when the config server is gone, keeping the config', async () => {
      const live = await quotes().config;
      await landscape.server.shutdown();
      const started = Date.now();
      await expect(live.refresh()).rejects.toThrow(ConfigServerUnavailableError);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(live.current.quotes.language).toBe('en');
    });
  });

  describe('POST /actuator/refresh (refreshRouter)', () => {
    const appWith = (live: Parameters<typeof refreshRouter>[0]) => {
      const app = express();
      app.use(refreshRouter(live));
      app.use((_req, res) => res.status(404).json({ error: { code: 'NOT_FOUND', message: 'no route' } }));
      return app;
    };

    it('[refresh-diff] answers 200 with the changed keys and those that need a restart', async () => {
      const live = await quotes().config;
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 9090\nquotes:\n  language: sv\n');
      const res = await request(appWith(live)).post('/actuator/refresh');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ changed: ['quotes.language'], needsRestart: ['server.port'] });
    });

    it('answers 200 with empty lists when nothing changed', async () => {
      const res = await request(appWith(await quotes().config)).post('/actuator/refresh');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ changed: [], needsRestart: [] });
    });

    it('[schema-errors] answers 422 INVALID_CONFIG when the repository now holds a bad value', async () => {
      const live = await quotes().config;
      landscape.repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: english\n');
      const res = await request(appWith(live)).post('/actuator/refresh');
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_CONFIG');
      expect(res.body.error.message).toMatch(/refresh refused, nothing changed:\n {2}quotes\.language = "english"/);
    });

    it('answers 503 CONFIG_SERVER_UNAVAILABLE when the config server is down', async () => {
      const live = await quotes().config;
      await landscape.server.shutdown();
      const res = await request(appWith(live)).post('/actuator/refresh');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('CONFIG_SERVER_UNAVAILABLE');
    });

    it('only takes POST', async () => {
      const res = await request(appWith(await quotes().config)).get('/actuator/refresh');
      expect(res.status).toBe(404);
    });
  });
});
