import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import request from 'supertest';
import {
  AMQP_URL,
  deleteTopology,
  eventually,
  recordingLogger,
  testTopology,
  uniqueName,
  withChannel,
} from '../../common/messaging/test/helpers/broker';
import { VipNotifier } from '../../accountservice/src/vip-notifier';
import { BrokerConnection, type WorkQueueTopology } from '../../common/messaging';
import { BusPublisher } from '../../configserver/src/bus/bus-publisher';
import { startLocalConfigServer } from '../../test/local-configserver';

jest.setTimeout(60_000);

const ENTRY = path.join(__dirname, '..', 'src', 'main.ts');

let configServer: Awaited<ReturnType<typeof startLocalConfigServer>>;
beforeEach(async () => {
  configServer = await startLocalConfigServer();
});
afterEach(() => configServer.stop());

/** Spawns vipservice the way the chapter runner does (node --import tsx), config from the local configserver. */
function spawnService(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PROFILE: 'dev', CONFIG_SERVER_URL: configServer.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => output.push(line));
  }
  return { child, output };
}

/** Starts vipservice on a free port with its own queue and bus; resolves once it listens. */
async function startProcess(topology: WorkQueueTopology, bus: string, env: Record<string, string> = {}) {
  const { child, output } = spawnService({
    VIP_EXCHANGE: topology.exchange,
    VIP_QUEUE: topology.queue,
    SPRING_CLOUD_BUS_DESTINATION: bus,
    ...env,
  });
  const port = await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`vipservice exited ${child.exitCode}:\n${output.join('\n')}`);
      const line = output.find((l) => l.includes('vipservice listening on'));
      return line ? Number(/:(\d+) /.exec(line)?.[1]) : undefined;
    },
    'vipservice listening',
    30_000,
  );
  return {
    child,
    output,
    url: `http://127.0.0.1:${port}`,
    has: (pattern: RegExp) => output.some((l) => pattern.test(l)),
  };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code as number | null;
}

/** The broker side of a test: accountservice's notifier, and what to delete afterwards. */
function brokerSide(label: string) {
  const topology = testTopology(label);
  const bus = uniqueName(`${label}-bus`);
  const broker = new BrokerConnection({ url: AMQP_URL, name: uniqueName('accountservice'), logger: recordingLogger() });
  const notifier = new VipNotifier(broker.start(), { topology, isVip: () => true, logger: recordingLogger() });
  const cleanup = async () => {
    await broker.close();
    await deleteTopology(topology);
    await withChannel((channel) => channel.deleteExchange(bus));
  };
  return { topology, bus, broker, notifier, cleanup };
}

async function recentVips(url: string): Promise<Array<{ accountId: string; servedBy: string }>> {
  return (await request(url).get('/vips/recent').expect(200)).body;
}

describe('vipservice as a process', () => {
  it('loads its config from the configserver, consumes, serves /vips/recent, and stops cleanly on SIGTERM', async () => {
    const side = brokerSide('vip-process');
    const service = await startProcess(side.topology, side.bus, { INSTANCE: '7' });
    try {
      await eventually(async () => (await request(service.url).get('/health')).status === 200, 'healthy', 20_000);
      side.notifier.accountRead('10042');
      const listed = await eventually(async () => {
        const body = await recentVips(service.url);
        return body.length === 1 ? body[0] : undefined;
      }, 'the notification listed');
      expect(listed).toMatchObject({ accountId: '10042', servedBy: expect.stringMatching(/#7$/) });

      expect(await stop(service.child)).toBe(0);
      const log = service.output.join('\n');
      expect(log).toMatch(/config: loaded .*vipservice\.yml/);
      expect(log).toMatch(/profile dev, queue test-vip-process-/);
      expect(log).toMatch(/consumer .*\.q: consuming \(prefetch 10\)/);
      expect(log).toMatch(/VIP account 10042 was read at/);
      expect(log).toMatch(/received SIGTERM[\s\S]*amqp vipservice@.*: closed[\s\S]*vipservice stopped/);
    } finally {
      await stop(service.child);
      await side.cleanup();
    }
  });

  it('refreshes its config when a bus refresh event names it: the new vip.recent-limit applies at once', async () => {
    const side = brokerSide('vip-bus');
    const service = await startProcess(side.topology, side.bus);
    const busPublisher = new BusPublisher(side.broker, {
      originService: 'configserver:native:0:test',
      exchange: side.bus,
      logger: recordingLogger(),
    });
    try {
      await eventually(() => service.has(/consumer .*\.anonymous\..*: consuming/), 'vipservice on the bus', 20_000);
      for (const id of ['10000', '10001', '10002']) side.notifier.accountRead(id);
      await eventually(async () => (await recentVips(service.url)).length === 3, 'three notifications listed');

      configServer.repo.write('vipservice.yml', 'server:\n  port: 6868\nvip:\n  recent-limit: 2\n  prefetch: 20\n');
      await busPublisher.publishRefresh('vipservice');
      await eventually(() => service.has(/bus: config refreshed/), 'the bus refresh logged');
      expect(
        service.has(/bus: config refreshed: changed \[vip\.recent-limit\]; needs a restart: \[vip\.prefetch\]/),
      ).toBe(true);
      expect((await recentVips(service.url)).map((v) => v.accountId)).toEqual(['10002', '10001']);

      // POST /actuator/refresh answers the same way: nothing new to apply, prefetch still waits.
      await request(service.url)
        .post('/actuator/refresh')
        .expect(200, { changed: [], needsRestart: ['vip.prefetch'] });

      // A refresh for another service passes vipservice by.
      await busPublisher.publishRefresh('accountservice');
      await busPublisher.publishRefresh('vipservice');
      await eventually(() => service.output.filter((l) => l.includes('bus: config refreshed')).length === 2, 'again');
      expect(service.output.filter((l) => /bus: refresh .* for accountservice/.test(l))).toEqual([]);
    } finally {
      await stop(service.child);
      await side.cleanup();
    }
  });

  it('refuses to start with a bad setting, naming it', async () => {
    const { child, output } = spawnService({ VIP_PREFETCH: 'lots' });
    const [code] = await once(child, 'close'); // after the output is read to its end
    expect(code).toBe(1);
    expect(output.join('\n')).toMatch(
      /vipservice: Invalid configuration, refusing to start:\n {2}vip\.prefetch = "lots" \(from env VIP_PREFETCH\)/,
    );
  });

  it('refuses to start when the configserver does not answer, naming it', async () => {
    const { child, output } = spawnService({ CONFIG_SERVER_URL: 'http://127.0.0.1:9', CONFIG_WAIT_MS: '0' });
    const [code] = await once(child, 'close'); // after the output is read to its end
    expect(code).toBe(1);
    expect(output.join('\n')).toMatch(/vipservice: Refusing to start: no configuration from http:\/\/127\.0\.0\.1:9\//);
  });
});
