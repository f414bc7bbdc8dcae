import http from 'node:http';
import path from 'node:path';
import { type Landscape, pollUntil, startLandscape } from '@workshop/testkit';
import { uniqueName, withChannel } from '../common/messaging/test/helpers/broker';
import { copyRepo } from '../configserver/test/repo-copy';
import { CONFIG_REPO } from './local-configserver';
import { landscapeAuth } from './landscape-auth';

// Chapter 05's logging, in chapter 07's landscape on real processes: the same runner as `npm run chapter:7` (free
// ports, the real RabbitMQ), every service's lines reaching logtail as GELF over UDP, as in Swarm.
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(120_000);

interface LogLine {
  service: string;
  level: string;
  msg: string;
  reqId?: string;
  [field: string]: unknown;
}

/** A GET with the headers given as they are (no client-side clean-up): status, headers, body. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; requestId: string | undefined }>((resolve, reject) => {
    http
      .get(url, { headers, agent: false, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, requestId: res.headers['x-request-id'] as string | undefined }),
        );
      })
      .on('error', reject);
  });
}

describe('logging end to end (chapter 05): request ids, live levels, redaction, logtail (real RabbitMQ)', () => {
  const name = uniqueName('ch07l');
  const names = { exchange: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus` };
  const output: string[] = [];
  let landscape: Landscape;
  let repo: ReturnType<typeof copyRepo>;
  let accounts: string;
  let logtail: string;

  async function logs(query: string): Promise<LogLine[]> {
    const res = await fetch(`${logtail}/logs?limit=1000&${query}`);
    return ((await res.json()) as { lines: LogLine[] }).lines;
  }

  /** The lines logtail has for this request id, once `enough` holds (polled, at most `timeoutMs`). */
  function linesOf(reqId: string, enough: (lines: LogLine[]) => boolean, timeoutMs = 5000) {
    return pollUntil(
      `logtail's lines for ${reqId}`,
      async () => {
        const lines = await logs(`reqId=${encodeURIComponent(reqId)}`);
        return enough(lines) ? lines : undefined;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Rewrites accountservice-dev.yml's logging section and refreshes accountservice over the bus. */
  async function setAccountLevel(level: string | undefined): Promise<void> {
    const before = output.filter((l) => /accountservice .*logging: levels changed/.test(l)).length;
    const logging = level ? `logging:\n  level:\n    accountservice: ${level}\n` : '';
    repo.write('accountservice-dev.yml', `accounts:\n  testability: true\n  vip-ids: ['10000']\n${logging}`);
    const res = await fetch(`${landscape.url('configserver')}/actuator/busrefresh/accountservice`, { method: 'POST' });
    expect(res.status).toBe(204);
    const changed = () => output.filter((l) => /accountservice .*logging: levels changed/.test(l)).length;
    await pollUntil('accountservice to apply the new level', () => (changed() > before ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
  }

  // Chapter 08: /accounts wants an access token (from the landscape's authserver).
  const auth = landscapeAuth();
  const getAccount = async (id: string, headers: Record<string, string> = {}) =>
    get(`${accounts}/accounts/${id}`, { ...(await auth.header(landscape)), ...headers });

  beforeAll(async () => {
    repo = copyRepo(CONFIG_REPO);
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      env: {
        ...auth.env,
        CONFIG_REPO_DIR: repo.dir,
        VIP_EXCHANGE: names.exchange,
        VIP_QUEUE: names.queue,
        SPRING_CLOUD_BUS_DESTINATION: names.bus,
      },
      onOutput: (service, _index, line) => output.push(`${service} ${line}`),
    });
    accounts = landscape.url('accountservice');
    logtail = landscape.url('logtail');
  });
  afterAll(async () => {
    await landscape?.stop();
    repo?.remove();
    auth.remove();
    await withChannel(async (channel) => {
      for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [names.exchange, `${names.exchange}.dlx`, names.bus])
        await channel.deleteExchange(exchange);
    });
  });

  it('[gelf-lift] follows one request id from accountservice into quotes-service (HTTP) and vipservice (AMQP)', async () => {
    const res = await getAccount('10000', { 'X-Request-ID': 't-123' });
    expect(res).toEqual({ status: 200, requestId: 't-123' });
    const lines = await linesOf('t-123', (found) => {
      const services = new Set(found.map((l) => l.service));
      return ['accountservice', 'quotes-service', 'vipservice'].every((s) => services.has(s));
    });
    expect(lines.every((l) => l.reqId === 't-123')).toBe(true);
    expect(lines.find((l) => l.service === 'vipservice')?.msg).toMatch(/VIP account 10000 was read/);
  });

  it('[live-levels] [gelf-lift] changes accountservice to debug over the bus with no restart, and back to info', async () => {
    const pid = landscape.services.find((s) => s.spec.name === 'accountservice')?.process.pid;
    await setAccountLevel('debug');
    await getAccount('10001', { 'X-Request-ID': 'at-debug' });
    const debug = await linesOf('at-debug', (found) => found.some((l) => l.level === 'debug'));
    expect(debug.find((l) => l.level === 'debug')).toMatchObject({ service: 'accountservice', msg: 'quote received' });

    await setAccountLevel(undefined);
    await getAccount('10001', { 'X-Request-ID': 'at-info' });
    const info = await linesOf('at-info', (found) => found.some((l) => l.service === 'accountservice'));
    // The access line is written after the handler's lines: once it is there, a debug line would be too.
    expect(info.filter((l) => l.service === 'accountservice').map((l) => l.level)).toEqual(['info']);
    expect(landscape.services.find((s) => s.spec.name === 'accountservice')?.process.pid).toBe(pid);
  });

  it.each([
    ['10 KB long', 'x'.repeat(10_000)],
    ['non-ASCII', 'caf\u00e9-id'],
    ['with markup', '<script>alert(1)</script>'],
  ])('[request-id] [gelf-lift] replaces a hostile request id (%s) and never logs it', async (_what, hostile) => {
    const res = await getAccount('10001', { 'X-Request-ID': hostile });
    expect(res.status).toBe(200);
    expect(res.requestId).toMatch(/^[\w.:-]{1,128}$/);
    expect(res.requestId).not.toBe(hostile);
    await linesOf(res.requestId as string, (found) => found.some((l) => l.service === 'accountservice'));
    const everything = JSON.stringify(await logs('service=accountservice'));
    expect(everything).not.toContain(hostile.slice(0, 40));
  });

  it('[gelf-lift] never logs an Authorization header', async () => {
    // Chapter 08: a real access token, the credential accountservice now receives on every read.
    const { Authorization } = await auth.header(landscape);
    const token = Authorization.slice('Bearer '.length);
    const res = await getAccount('10001', { 'X-Request-ID': 'with-auth' });
    expect(res.status).toBe(200);
    const lines = await linesOf('with-auth', (found) => found.some((l) => l.service === 'accountservice'));
    expect(JSON.stringify(lines)).toContain('[Redacted]');
    for (const service of ['accountservice', 'quotes-service', 'vipservice', 'configserver']) {
      expect(JSON.stringify(await logs(`service=${service}`))).not.toContain(token);
    }
    expect(output.join('\n')).not.toContain(token);
  });
});
