import { z } from 'zod';
import { ConfigError, ConfigServerUnavailableError, loadConfig } from '..';
import { buildApp } from '../../../configserver/src/app';
import { nativeRepository } from '../../../configserver/src/repository/native-repository';
import { serve } from '../../http';
import { freePort } from '@workshop/testkit';
import { FIXTURE_REPO } from '../../../configserver/test/repo-copy';
import { type StubServer, captureLogger, json, stubConfigServer } from './helpers';

const Schema = z.object({ server: z.object({ port: z.coerce.number() }), logging: z.object({ level: z.string() }) });
const FAST = { initialDelayMs: 20, multiplier: 2, maxDelayMs: 100 };
const environment = {
  name: 'foo',
  profiles: ['dev'],
  label: null,
  version: null,
  state: null,
  propertySources: [{ name: 'file:/r/foo.yml', source: { 'server.port': 7000, 'logging.level': 'info' } }],
};

/** The client of application "foo", profile "dev", against `serverUrl`, retrying fast. */
function loadFoo(
  serverUrl: string,
  log: ReturnType<typeof captureLogger>,
  more: { maxWaitMs?: number; requestTimeoutMs?: number } = {},
) {
  return loadConfig({
    application: 'foo',
    profile: 'dev',
    schema: Schema,
    serverUrl,
    env: {},
    logger: log.logger,
    retry: FAST,
    ...more,
  });
}

describe('fetching at start-up', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('waits for a config server that is down at start, logging its progress, and loads once it is up', async () => {
    const port = await freePort();
    const log = captureLogger();
    const loading = loadFoo(`http://127.0.0.1:${port}`, log, { maxWaitMs: 20_000 });
    // Start the server only once the client has really failed twice (no fixed sleep).
    await log.waitFor(/attempt 2 failed/);
    const server = await serve(buildApp({ repository: nativeRepository(FIXTURE_REPO) }), {
      host: '127.0.0.1',
      port,
      onClosed: async () => undefined,
    });
    try {
      const config = await loading;
      expect(config.current.server.port).toBe(7000);
      expect(log.text()).toMatch(
        /config: attempt 1 failed: config server not reachable at http:\/\/127\.0\.0\.1:\d+\/foo\/dev \(.*ECONNREFUSED.*\); retrying in 20 ms/,
      );
      expect(log.text()).toMatch(/attempt 2 failed: .*; retrying in 40 ms/);
      expect(log.lines[log.lines.length - 1]).toMatch(/^config: loaded /);
    } finally {
      await server.shutdown();
    }
  });

  it('gives up after maxWaitMs with a ConfigServerUnavailableError naming the URL and the attempts', async () => {
    const port = await freePort();
    const log = captureLogger();
    // Long enough for a second attempt even when a busy machine slows the first one down.
    const attempt = loadFoo(`http://127.0.0.1:${port}`, log, { maxWaitMs: 1500 });
    await expect(attempt).rejects.toThrow(ConfigServerUnavailableError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `Refusing to start: no configuration from http://127\\.0\\.0\\.1:${port}/foo/dev after \\d+ attempt\\(s\\) in 1\\.5 s`,
      ),
    );
    expect(log.lines.filter((line) => /attempt \d+ failed/.test(line)).length).toBeGreaterThanOrEqual(2);
  });

  it('retries a 503 and a server that does not answer in time, then loads', async () => {
    stub = await stubConfigServer((_url, count) => {
      if (count === 1) return json({ error: 'starting' }, 503);
      if (count === 2) return 'hang';
      return json(environment);
    });
    const log = captureLogger();
    const config = await loadFoo(stub.url, log, { requestTimeoutMs: 500 });
    expect(config.current.server.port).toBe(7000);
    expect(stub.requests).toEqual(['/foo/dev', '/foo/dev', '/foo/dev']);
    expect(log.text()).toMatch(/attempt 1 failed: config server answered 503/);
    expect(log.text()).toMatch(/attempt 2 failed: .*no answer within 500 ms/);
  });

  it.each([
    ['not JSON', { status: 200, body: '<html>oops</html>' }, /is not JSON: <html>oops<\/html>/],
    ['JSON that is no Environment', json({ hello: 'world' }), /not a Spring Environment \(propertySources: /],
    ['a 400', json({ error: 'bad' }, 400), /answered 400/],
    ['a 500 (a broken file in the repository)', json({ error: 'bad YAML in foo.yml' }, 500), /answered 500.*bad YAML/],
  ])('refuses to start at once on %s', async (_label, answer, message) => {
    stub = await stubConfigServer(() => answer);
    const attempt = loadConfig({
      application: 'foo',
      profile: 'dev',
      schema: Schema,
      serverUrl: stub.url,
      env: {},
      logger: captureLogger().logger,
      retry: FAST,
    });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.not.toThrow(ConfigServerUnavailableError);
    await expect(attempt).rejects.toThrow(message);
    expect(stub.requests.length).toBe(1);
  });

  it('sends several profiles comma-separated and a label with / as (_), the way Spring expects', async () => {
    stub = await stubConfigServer(() => json(environment));
    await loadConfig({
      application: 'foo',
      profile: 'dev,docker',
      label: 'feature/new-quotes',
      schema: Schema,
      serverUrl: `${stub.url}/`,
      env: {},
      logger: captureLogger().logger,
    });
    expect(stub.requests).toEqual(['/foo/dev,docker/feature(_)new-quotes']);
  });
});
