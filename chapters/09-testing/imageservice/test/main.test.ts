import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

jest.setTimeout(40_000);

const ENTRY = path.join(__dirname, '..', 'src', 'main.ts');

/** A config server that answers every application and profile with `source` (Spring's JSON shape). */
async function stubConfigServer(source: Record<string, unknown>) {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name: 'imageservice', profiles: [], propertySources: [{ name: 'stub', source }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function startImageservice(profile: string, configUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PROFILE: profile,
      CONFIG_SERVER_URL: configUrl,
      CONFIG_WAIT_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    readline.createInterface({ input: stream }).on('line', (l) => output.push(l));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = output.find((l) => l.includes('imageservice listening on'));
    if (line) return { child, url: `http://127.0.0.1:${/:(\d+) /.exec(line)?.[1]}`, output };
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`imageservice did not start:\n${output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('starts from the config server, serves images and metrics, refuses chaos in prod, and stops cleanly on SIGTERM', async () => {
  const config = await stubConfigServer({ 'image.base-url': 'http://images.example:7777', 'chaos.enabled': true });
  try {
    const { child, url } = await startImageservice('prod', config.url);
    const image = await (await fetch(`${url}/accounts/10000`)).json();
    expect(image).toMatchObject({
      id: '10000',
      url: 'http://images.example:7777/image/10000/filtered?filter=sepia&size=128',
    });
    expect(
      (
        await fetch(`${url}/chaos`, {
          method: 'POST',
          body: '{"failureRate":1}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(403);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain('process_resident_memory_bytes');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  } finally {
    config.close();
  }
});
