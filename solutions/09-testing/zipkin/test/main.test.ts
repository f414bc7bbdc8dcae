import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { eventually } from '../../common/tracing/test/helpers/traced-process';

jest.setTimeout(60_000);

const ENTRY = path.join(__dirname, '..', 'src', 'main.ts');

function startZipkin(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => output.push(line));
  }
  return { child, output };
}

it('starts as a process, answers /health with its limits, and stops on SIGTERM with exit 0', async () => {
  const { child, output } = startZipkin({ ZIPKIN_MAX_TRACES: '5' });
  const port = await eventually(() => {
    if (child.exitCode !== null) throw new Error(`zipkin exited ${child.exitCode}:\n${output.join('\n')}`);
    return /zipkin listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output.join('\n'))?.[1];
  }, 'zipkin to listen');
  expect(output.join('\n')).toMatch(/keeps 5 traces/);
  const health = await fetch(`http://127.0.0.1:${port}/health`);
  expect(await health.json()).toMatchObject({ status: 'UP', traces: 0 });
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  expect((await exited)[0]).toBe(0);
});

it('refuses a bad setting naming the variable', async () => {
  const { child, output } = startZipkin({ ZIPKIN_MAX_SPANS: 'lots' });
  const [code] = await once(child, 'exit');
  expect(code).toBe(1);
  expect(output.join('\n')).toMatch(/ZIPKIN_MAX_SPANS="lots"/);
});
