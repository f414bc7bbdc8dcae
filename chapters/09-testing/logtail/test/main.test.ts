import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { pollUntil } from '@workshop/testkit';
import { gelfJson, pinoLine, sendUdp } from './gelf-datagrams';
import { getJson } from './start-logtail';

const ENTRY = path.join(__dirname, '..', 'src', 'main.ts');

/** Spawns logtail the way the chapter runner does (node --import tsx), on free ports. */
function spawnLogtail(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, UDP_PORT: '0', PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => output.push(line));
  }
  return { child, output };
}

function jsonLines(output: string[]): Record<string, unknown>[] {
  return output.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = await once(child, 'exit');
  return code as number | null;
}

describe('logtail as a process', () => {
  it('starts, receives GELF, logs JSON lines of its own and stops cleanly on SIGTERM', async () => {
    const { child, output } = spawnLogtail({});
    try {
      const started = await pollUntil(
        () => `logtail to start: ${output.join('\n')}`,
        () => {
          if (child.exitCode !== null) throw new Error(`logtail exited ${child.exitCode}:\n${output.join('\n')}`);
          return jsonLines(output).find((l) => typeof l.udpPort === 'number');
        },
        { timeoutMs: 45_000, intervalMs: 50 },
      );
      expect(started).toMatchObject({ service: 'logtail', level: 30, msg: expect.stringMatching(/receiving GELF/) });
      expect(started.receiveBufferBytes).toBeGreaterThan(0);
      const url = `http://127.0.0.1:${started.httpPort as number}`;
      expect((await getJson(`${url}/health`)).body).toMatchObject({ status: 'UP' });
      await sendUdp(started.udpPort as number, [gelfJson(pinoLine({ msg: 'from a test' })), Buffer.from('junk')]);
      await pollUntil(
        'both datagrams',
        async () => ((await getJson(`${url}/stats`)).body.received === 2 ? true : undefined),
        {
          timeoutMs: 5000,
          intervalMs: 20,
        },
      );
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
      const stopped = jsonLines(output).find((l) => l.msg === 'logtail stopped');
      expect(stopped).toMatchObject({ stats: { received: 2, parsed: 1, malformed: 1 } });
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses to start with a bad setting and names it', async () => {
    const { child, output } = spawnLogtail({ SINK_QUEUE_LIMIT: 'lots' });
    expect(await exitCode(child)).toBe(1);
    expect(output.join('\n')).toMatch(/logtail: invalid configuration: SINK_QUEUE_LIMIT: /);
  }, 60_000);
});
