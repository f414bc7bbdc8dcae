import http from 'node:http';
import path from 'node:path';
import { type Landscape, expectStatus, startLandscape } from '@workshop/testkit';
import { readyCount, uniqueName, withChannel } from '../common/messaging/test/helpers/broker';
import { copyRepo } from '../configserver/test/repo-copy';
import { CONFIG_REPO } from './local-configserver';
import { landscapeAuth } from './landscape-auth';
import { httpsGet } from './security-landscape';

// Starts this chapter's landscape through the same runner as `npm run chapter:7`, on free ports,
// against the real RabbitMQ, from whichever tree this file sits in (solutions/ or your chapters/).
// The run has its own VIP exchange and queue and its own bus exchange, so parallel runs never meet.
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(120_000);

interface RecentVip {
  accountId: string;
  readAt: string;
  receivedAt: string;
  servedBy: string;
}

/** One GET on its own TCP connection, so the round robin in front of replicas picks anew. */
function getOnNewConnection(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 10_000 }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('chapter 7 end to end (test-em-all, real RabbitMQ)', () => {
  const name = uniqueName('ch07e');
  const names = {
    exchange: `${name}.vip`,
    queue: `${name}.vip_queue`,
    bus: `${name}.bus`,
    discovery: `${name}.discovery`,
  };
  const lines: string[] = [];
  let landscape: Landscape;
  let repo: ReturnType<typeof copyRepo>;
  const auth = landscapeAuth();
  let accounts: string;
  let vips: string;
  let configserver: string;

  /** Every notification the vipservice replicas remember (each keeps its own list). */
  async function recentVips(after: string, tries = 6): Promise<RecentVip[]> {
    const seen = new Map<string, RecentVip>();
    for (let i = 0; i < tries; i++) {
      for (const vip of (await getOnNewConnection(`${vips}/vips/recent`)) as RecentVip[]) {
        if (vip.receivedAt >= after) seen.set(`${vip.readAt}/${vip.accountId}`, vip);
      }
    }
    return [...seen.values()];
  }

  async function readAccounts(ids: string[]): Promise<void> {
    for (const id of ids)
      await expectStatus('GET', `${accounts}/accounts/${id}`, 200, { headers: await auth.header(landscape) });
  }

  beforeAll(async () => {
    repo = copyRepo(CONFIG_REPO);
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      replicas: { vipservice: 2, accountservice: 2 },
      env: {
        ...auth.env,
        CONFIG_REPO_DIR: repo.dir,
        VIP_EXCHANGE: names.exchange,
        VIP_QUEUE: names.queue,
        SPRING_CLOUD_BUS_DESTINATION: names.bus,
        DISCOVERY_EXCHANGE: names.discovery,
      },
      onOutput: (service, _index, line) => lines.push(`${service} ${line}`),
    });
    accounts = landscape.url('accountservice');
    vips = landscape.url('vipservice');
    configserver = landscape.url('configserver');
  });
  afterAll(async () => {
    await landscape?.stop();
    repo?.remove();
    auth.remove();
    await withChannel(async (channel) => {
      for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [names.exchange, `${names.exchange}.dlx`, names.bus, names.discovery])
        await channel.deleteExchange(exchange);
    });
  });

  it('has every service healthy, vipservice connected to the broker', async () => {
    for (const service of [
      'configserver',
      'imageservice',
      'breakerstream',
      'vipservice',
      'quotes-service',
      'accountservice',
      'authserver',
    ]) {
      expect((await expectStatus('GET', `${landscape.url(service)}/health`, 200)).body).toMatchObject({ status: 'UP' });
    }
  });

  it('answers an account with its quote and its image (chapter 07), each from its own service', async () => {
    const account = (
      await expectStatus('GET', `${accounts}/accounts/10001`, 200, { headers: await auth.header(landscape) })
    ).body as Record<string, unknown>;
    expect(account).toEqual({
      id: '10001',
      name: 'Person_1',
      servedBy: expect.any(String),
      quote: { quote: expect.any(String), ipAddress: expect.any(String), language: 'en' },
      imageData: {
        id: '10001',
        url: `${landscape.url('imageservice')}/image/10001/filtered?filter=blur&size=128`,
        servedBy: expect.any(String),
      },
    });
    // Neither is the breaker's fallback: both services answered.
    expect(JSON.stringify(account)).not.toContain('circuit-breaker');
  });

  it('tells vipservice when a VIP account is read, and only then', async () => {
    const since = new Date().toISOString();
    await readAccounts(['10001', '10000']);
    const received = await until('the VIP notification', async () => {
      const recent = await recentVips(since);
      return recent.length ? recent : undefined;
    });
    expect(received.map((v) => v.accountId)).toEqual(['10000']);
    expect(received[0].servedBy).toEqual(expect.any(String));
  });

  it('shares the queue between two vipservice replicas (competing consumers), each message once', async () => {
    const since = new Date().toISOString();
    await readAccounts(Array.from({ length: 20 }, () => '10000'));
    const received = await until('20 notifications', async () => {
      const recent = await recentVips(since, 8);
      return recent.length >= 20 ? recent : undefined;
    });
    expect(received).toHaveLength(20);
    expect(new Set(received.map((v) => v.servedBy)).size).toBe(2);
  });

  it('refreshes both accountservice replicas over the bus: a new VIP account takes effect without a restart', async () => {
    repo.write(
      'accountservice-dev.yml',
      // The dev file as it was (the breakers' reset timeouts unchanged), plus one VIP account.
      'breakers:\n  quotes-service:\n    reset-timeout-ms: 2000\n  imageservice:\n    reset-timeout-ms: 2000\n' +
        "accounts:\n  testability: true\n  vip-ids: ['10000', '10042']\n",
    );
    await expectStatus('POST', `${configserver}/actuator/busrefresh/accountservice`, 204);
    const refreshed = () =>
      lines.filter(
        (l) => l.startsWith('accountservice') && /bus: config refreshed: changed \[accounts\.vip-ids\]/.test(l),
      );
    await until('both replicas refreshed', async () => (refreshed().length >= 2 ? true : undefined));
    expect(refreshed()).toHaveLength(2);

    const since = new Date().toISOString();
    await readAccounts(['10042', '10042']);
    const received = await until('the new VIP', async () => {
      const recent = await recentVips(since);
      return recent.length >= 2 ? recent : undefined;
    });
    expect(received.map((v) => v.accountId)).toEqual(['10042', '10042']);
  });

  it('keeps the notifications while no consumer runs and delivers them all once one starts', async () => {
    await landscape.scale('vipservice', 0);
    await readAccounts(Array.from({ length: 5 }, () => '10000'));
    await until('5 messages waiting in the queue', async () =>
      (await readyCount(names.queue)) === 5 ? true : undefined,
    );

    const since = new Date().toISOString();
    await landscape.scale('vipservice', 1);
    const received = await until('the backlog', async () => {
      const recent = await recentVips(since, 2);
      return recent.length >= 5 ? recent : undefined;
    });
    expect(received).toHaveLength(5);
    expect(await readyCount(names.queue)).toBe(0);
  });

  it('[jwt-verify] [auth-scope] [token-relay] serves an account through the edge to a token, and refuses it without one at the edge and at accountservice', async () => {
    const edge = landscape.url('edge');
    const headers = await auth.header(landscape);
    const through = await httpsGet(edge, auth.tlsDir, '/api/accounts/10000', headers);
    expect(through.status).toBe(200);
    expect(through.json()).toMatchObject({ id: '10000', name: 'Person_0' });
    const refused = await httpsGet(edge, auth.tlsDir, '/api/accounts/10000');
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer /);
    // Defence in depth: around the edge, accountservice asks for the token itself.
    const direct = await fetch(`${accounts}/accounts/10000`);
    expect(direct.status).toBe(401);
    expect(direct.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await fetch(`${accounts}/health`)).status).toBe(200);
  });

  it('stops every service cleanly with exit code 0 on SIGTERM', async () => {
    await expect(landscape.stop()).resolves.toEqual({
      zipkin: 0,
      logtail: 0,
      configserver: 0,
      imageservice: 0,
      breakerstream: 0,
      vipservice: 0,
      'quotes-service': 0,
      accountservice: 0,
      authserver: 0,
      edge: 0,
    });
  });
});
