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
} from '../../common/messaging/test/helpers/broker';
import { BrokerConnection } from '../../common/messaging/broker-connection';
import { VipNotifier } from '../../common/messaging/vip/vip-notifier';

jest.setTimeout(60_000);

const ENTRY = path.join(__dirname, '..', 'src', 'main.ts');

/** Starts vipservice the way the chapter runner does (node --import tsx), on a free port. */
async function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, PORT: '0', PROFILE: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => output.push(line));
  }
  const port = await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`vipservice exited ${child.exitCode}:\n${output.join('\n')}`);
      const line = output.find((l) => l.includes('vipservice listening on'));
      return line ? Number(/:(\d+) /.exec(line)?.[1]) : undefined;
    },
    'vipservice listening',
    30_000,
  );
  return { child, output, url: `http://127.0.0.1:${port}` };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code as number | null;
}

describe('vipservice as a process', () => {
  it('starts, consumes, serves /vips/recent, and stops cleanly on SIGTERM', async () => {
    const topology = testTopology('vip-process');
    const broker = new BrokerConnection({
      url: AMQP_URL,
      name: uniqueName('accountservice'),
      logger: recordingLogger(),
    });
    const notifier = new VipNotifier(broker.start(), { topology, isVip: () => true, logger: recordingLogger() });
    const service = await startProcess({ VIP_EXCHANGE: topology.exchange, VIP_QUEUE: topology.queue, INSTANCE: '7' });
    try {
      await eventually(async () => (await request(service.url).get('/health')).status === 200, 'healthy', 20_000);
      notifier.accountRead('10042');
      const listed = await eventually(async () => {
        const body = (await request(service.url).get('/vips/recent')).body as Array<{
          accountId: string;
          servedBy: string;
        }>;
        return body.length === 1 ? body[0] : undefined;
      }, 'the notification listed');
      expect(listed).toMatchObject({ accountId: '10042', servedBy: expect.stringMatching(/#7$/) });

      expect(await stop(service.child)).toBe(0);
      const log = service.output.join('\n');
      expect(log).toMatch(/consumer .*: consuming \(prefetch 10\)/);
      expect(log).toMatch(/VIP account 10042 was read at/);
      expect(log).toMatch(/received SIGTERM[\s\S]*amqp vipservice@.*: closed[\s\S]*vipservice stopped/);
    } finally {
      await stop(service.child);
      await broker.close();
      await deleteTopology(topology);
    }
  });

  it('refuses to start with a bad setting, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: { ...process.env, PORT: '0', VIP_PREFETCH: 'lots' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/vipservice: Invalid configuration, refusing to start:\n {2}VIP_PREFETCH="lots"/);
  });
});
