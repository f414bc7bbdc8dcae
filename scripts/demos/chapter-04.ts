import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import amqp, { type Channel } from 'amqplib';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { type BrokerNames, copyConfigRepo, deleteBrokerNames, ownBrokerNames } from '../lib/demo-setup';
import { pollUntil } from '../lib/poll';
import type { Landscape } from '../lib/runner';
import { DEFAULT_AMQP_URL, checkServers } from '../lib/rabbitmq';
import { pc, say } from '../lib/ui';

interface RecentVip {
  accountId: string;
  readAt: string;
  receivedAt: string;
  servedBy: string;
}

/** The chapter's own names (config-repo/application.yml, Spring's default bus). */
const CHAPTER_NAMES: BrokerNames = { exchange: 'vip.events', queue: 'vip_queue', bus: 'springCloudBus' };
const WAIT_MS = 20_000;
const POLL_MS = 200;

let names = CHAPTER_NAMES;
/** Set when this run uses names of its own (--auto), which it deletes afterwards. */
let ownNames: BrokerNames | undefined;
/** The private copy of config-repo/ the demo's configserver serves (the committed files stay untouched). */
let repoCopy: string | undefined;

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) throw new Error('the landscape is not running');
  return ctx.landscape;
}

function copyOfRepo(): string {
  if (!repoCopy) throw new Error('the config-repo copy was not made (step 1 did not run)');
  return repoCopy;
}

function removeRepoCopy(): void {
  if (!repoCopy) return;
  fs.rmSync(repoCopy, { recursive: true, force: true });
  say.info(`removed ${repoCopy}`);
  repoCopy = undefined;
}

async function withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
  const connection = await amqp.connect(process.env.AMQP_URL ?? DEFAULT_AMQP_URL, {
    clientProperties: { connection_name: 'demo-4 inspector' },
  });
  try {
    return await work(await connection.createChannel());
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Deletes the queues and exchanges this run declared under its own names. */
async function deleteOwnNames(): Promise<void> {
  if (!ownNames) return;
  const own = ownNames;
  ownNames = undefined;
  await deleteBrokerNames(own);
}

/** One GET on its own TCP connection, as curl makes it, so the round robin in front of replicas picks anew. */
function getOnNewConnection(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 10_000 }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

/** The VIP notifications received since `since`, over every replica (each keeps its own list), oldest first. */
async function recentVips(ctx: DemoContext, since: string, connections: number): Promise<RecentVip[]> {
  const seen = new Map<string, RecentVip>();
  for (let i = 0; i < connections; i++) {
    const { body } = await getOnNewConnection(`${running(ctx).url('vipservice')}/vips/recent`);
    // Newest first per replica: reversed, notifications handled in the same millisecond keep their order.
    for (const vip of (body as RecentVip[]).reverse()) if (vip.receivedAt >= since) seen.set(JSON.stringify(vip), vip);
  }
  return [...seen.values()].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/** Polls /vips/recent (over `connections` new connections) until `count` notifications arrived since `since`. */
async function waitForVips(ctx: DemoContext, since: string, count: number, connections: number): Promise<RecentVip[]> {
  console.log(
    `  ${pc.green('$')} for i in $(seq ${connections}); do curl -s ${running(ctx).url('vipservice')}/vips/recent; done`,
  );
  let arrived = 0;
  const vips = await pollUntil(
    () => `${count} VIP notification(s): ${arrived} arrived`,
    async () => {
      const seen = await recentVips(ctx, since, connections);
      arrived = seen.length;
      return arrived >= count ? seen : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
  );
  for (const vip of vips) {
    console.log(`  ${pc.cyan(vip.accountId)} read ${vip.readAt}, received ${vip.receivedAt} by ${vip.servedBy}`);
  }
  return vips;
}

/** Reads the account `times` times (each must answer 200) and prints how long each read took. */
async function readAccount(ctx: DemoContext, id: string, times: number): Promise<void> {
  const url = `${running(ctx).url('accountservice')}/accounts/${id}`;
  console.log(
    `  ${pc.green('$')} for i in $(seq ${times}); do curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' ${url}; done`,
  );
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    took.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  }
  say.info(`${times} × HTTP 200, in ${took.map((ms) => ms.toFixed(0)).join(', ')} ms`);
}

/** The queue's ready messages and consumers, as the broker reports them (AMQP queue.declare passive). */
async function queueDepth(): Promise<{ messageCount: number; consumerCount: number }> {
  return withChannel((channel) => channel.checkQueue(names.queue));
}

/** Polls the queue until `ready` messages wait in it, then prints the count. */
async function waitForDepth(ready: number): Promise<void> {
  console.log(`  ${pc.green('$')} rabbitmqctl list_queues name messages_ready consumers | grep ${names.queue}`);
  let last = { messageCount: 0, consumerCount: 0 };
  await pollUntil(
    () =>
      `queue ${names.queue} to hold ${ready} ready message(s): it holds ${last.messageCount} (${last.consumerCount} consumer(s): another landscape on this broker?)`,
    async () => {
      last = await queueDepth();
      return last.messageCount === ready ? true : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: POLL_MS },
  );
  say.ok(`queue ${names.queue}: ${last.messageCount} message(s) ready, ${last.consumerCount} consumer(s)`);
}

/** Shows the service lines matching `pattern` printed since `since`, once there are `count`. */
async function showLines(ctx: DemoContext, service: string, pattern: RegExp, since: number, count = 1): Promise<void> {
  for (const line of await ctx.waitForOutput(service, pattern, { since, count, timeoutMs: WAIT_MS })) {
    say.ok(`${service}: ${line}`);
  }
}

const demo: Demo = {
  title: 'Chapter 4 — messaging with RabbitMQ: VIP notifications, competing consumers, config over the bus',
  steps: [
    {
      narrate:
        'Start the landscape against the real RabbitMQ, vipservice as 2 replicas, the configserver serving a private copy of config-repo/. Every service opens one broker connection and says so.',
      shows:
        'COPY=$(mktemp -d) && cp -r solutions/04-messaging/config-repo/. "$COPY" && CONFIG_REPO_DIR="$COPY" npm run chapter:4 -- --replicas vipservice=2',
      run: async (ctx) => {
        // First: without a broker there is nothing to make (nor clean up), only the how-to to show.
        await checkServers(['rabbitmq']);
        repoCopy = copyConfigRepo(ctx.chapter.solutionDir);
        let env: Record<string, string> = { CONFIG_REPO_DIR: repoCopy };
        if (ctx.auto) {
          // Unattended runs (CI, tests) share the broker with others: queues and exchanges of their own.
          const own = ownBrokerNames(4);
          names = ownNames = own.names;
          for (const [key, value] of Object.entries(own.env)) say.info(`own broker names: ${key}=${value}`);
          env = { ...env, ...own.env };
        }
        const since = ctx.output.length;
        await ctx.start({ replicas: { vipservice: 2 }, env });
        console.log(`  Connected to the broker:`);
        const connected = /amqp \S+: connected to/;
        for (const { spec, replicas } of running(ctx).services) {
          await showLines(ctx, spec.name, connected, since, replicas ?? 1);
        }
      },
    },
    {
      narrate:
        'Read VIP account 10000 (accounts.vip-ids in config) and an ordinary one, 10001. accountservice publishes a notification for the VIP only, confirmed by the broker; a vipservice replica logs it.',
      run: async (ctx) => {
        const since = new Date().toISOString();
        const mark = ctx.output.length;
        for (const id of ['10000', '10001']) {
          await ctx.curl('GET', `${running(ctx).url('accountservice')}/accounts/${id}`);
        }
        await showLines(ctx, 'accountservice', /vip: account \d+ read; notification \S+ confirmed/, mark);
        await showLines(ctx, 'vipservice', /VIP account \d+ was read/, mark);
        const vips = await waitForVips(ctx, since, 1, 2);
        const ids = vips.map((v) => v.accountId);
        if (ids.join() !== '10000') throw new Error(`vipservice received [${ids}], not [10000]`);
        say.ok('VIP seen: 10000 (10001 is not a VIP: no notification)');
      },
    },
    {
      narrate:
        'Competing consumers: both replicas consume from the one queue, and the broker hands each message to one of them. Read 10000 ten times and see who got each.',
      run: async (ctx) => {
        const since = new Date().toISOString();
        await readAccount(ctx, '10000', 10);
        const vips = await waitForVips(ctx, since, 10, 6);
        const counts = new Map<string, number>();
        for (const { servedBy } of vips) counts.set(servedBy, (counts.get(servedBy) ?? 0) + 1);
        const shares = [...counts]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([by, n]) => `${by}: ${n}`)
          .join(', ');
        if (vips.length !== 10 || counts.size !== 2)
          throw new Error(`${vips.length} notifications over ${counts.size} replica(s) (${shares})`);
        say.ok(`10 notifications, each handled once, by 2 replicas (${shares})`);
      },
    },
    {
      narrate:
        'Stop the consumer: scale vipservice to 0. Account reads go on at full speed (the publisher never waits for a consumer) and the broker keeps the notifications. Then start one replica and watch the backlog drain.',
      shows: 'docker service scale ch04_vipservice=0',
      run: async (ctx) => {
        await running(ctx).scale('vipservice', 0);
        say.ok('vipservice: 0 replicas');
        const mark = ctx.output.length;
        await readAccount(ctx, '10000', 5);
        await ctx.waitForOutput('accountservice', /notification \S+ confirmed/, {
          since: mark,
          count: 5,
          timeoutMs: WAIT_MS,
        });
        say.ok('5 notifications confirmed by the broker');
        await waitForDepth(5);
        say.ok('backlog: 5 while no consumer runs');

        console.log(`  ${pc.green('$')} docker service scale ch04_vipservice=1`);
        const since = new Date().toISOString();
        await running(ctx).scale('vipservice', 1);
        const vips = await waitForVips(ctx, since, 5, 2);
        if (vips.length !== 5) throw new Error(`${vips.length} notifications arrived, not 5`);
        await waitForDepth(0);
        say.ok('backlog drained: 5 received by the new replica, queue depth 0: nothing lost');
      },
    },
    {
      narrate:
        'Config over the bus: make 10042 a VIP in the copy, then ask the configserver to refresh every accountservice instance (Spring Cloud Bus). The running process re-fetches its config: no restart.',
      run: async (ctx) => {
        const file = path.join(copyOfRepo(), 'accountservice-dev.yml');
        const before = fs.readFileSync(file, 'utf8');
        const line = "  vip-ids: ['10000', '10042']";
        const after = before.replace(/^( {2}testability: true\n)/m, `$1${line}\n`);
        if (after === before) throw new Error(`${file}: no "testability: true" line to add vip-ids after`);
        fs.writeFileSync(file, after);
        console.log(`  ${pc.green('$')} sed -i "/^  testability: true/a \\\\${line}" ${file}`);
        console.log(pc.green(`  + ${line}`));

        const accountservice = running(ctx).services.find((s) => s.spec.name === 'accountservice');
        const pid = accountservice?.process.pid;
        const mark = ctx.output.length;
        const refresh = await ctx.curl(
          'POST',
          `${running(ctx).url('configserver')}/actuator/busrefresh/accountservice`,
        );
        if (refresh.status !== 204) throw new Error(`busrefresh answered HTTP ${refresh.status}, not 204`);
        await showLines(ctx, 'accountservice', /bus: config refreshed: changed \[accounts\.vip-ids\]/, mark);

        const since = new Date().toISOString();
        await ctx.curl('GET', `${running(ctx).url('accountservice')}/accounts/10042`);
        const vips = await waitForVips(ctx, since, 1, 2);
        if (vips[0]?.accountId !== '10042') throw new Error(`vipservice received ${vips[0]?.accountId}, not 10042`);
        if (accountservice?.process.exitCode !== null) throw new Error('accountservice exited');
        say.ok(`10042 seen: a VIP now, for the same accountservice process (pid ${pid})`);
      },
    },
    shutdownStep(
      'Graceful shutdown: each service stops consuming, finishes and acks what it holds, closes its broker connection and exits 0. The private copy of config-repo is removed.',
      async () => {
        removeRepoCopy();
        await deleteOwnNames();
      },
    ),
  ],
  // Also after a failed step: the copy and this run's broker objects do not outlive it.
  cleanup: async () => {
    removeRepoCopy();
    await deleteOwnNames().catch((err: Error) =>
      say.warn(`could not delete this run's broker objects: ${err.message}`),
    );
  },
};

export default demo;
