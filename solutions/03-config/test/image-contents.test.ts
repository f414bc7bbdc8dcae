import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundle, freePort, imageEntries, readManifest, waitForHealthy } from '@workshop/testkit';
import { startLocalConfigServer } from './local-configserver';

// What each image holds, tried without Docker: the production bundle is built into a folder
// outside the repository (so nothing can come from the repo's node_modules), then run there
// the way the image runs it: `node main.js`, `node healthcheck.js`.
// Each service fetches its configuration at start, from a configserver on a free port here.
const chapterDir = path.resolve(__dirname, '..');
const manifest = readManifest(chapterDir);
// The configserver has no image of ours: in Swarm it is Spring's own.
const imaged = manifest.services.filter((s) => s.name !== 'configserver');
jest.setTimeout(60_000);

async function exitCode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<number | null> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe.each(imaged.map((s) => [s.name, s] as const))('the %s image contents', (name, spec) => {
  let dir: string;
  let service: ChildProcess | undefined;
  let port: number;
  let configserver: Awaited<ReturnType<typeof startLocalConfigServer>>;

  beforeAll(async () => {
    configserver = await startLocalConfigServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `image-${name}-`));
    await bundle(imageEntries(chapterDir, spec.entry), dir);
  });
  afterAll(async () => {
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await once(service, 'exit');
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await configserver?.stop();
  });

  it('is one bundle plus the health-check script, with no node_modules beside them', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['healthcheck.js', 'main.js']);
  });

  it('starts from the bundle alone, in production mode, configured by the configserver, and its health check passes', async () => {
    // Picked just before the start: during the bundling another test could take a port picked earlier.
    port = await freePort();
    service = spawn(process.execPath, ['main.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        PORT: String(port),
        HEALTH_PATH: spec.health,
        PROFILE: 'test',
        CONFIG_SERVER_URL: configserver.url,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    service.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    await waitForHealthy(`http://127.0.0.1:${port}${spec.health}`, {
      abort: () =>
        service?.exitCode !== null
          ? new Error(`${name} exited with ${service?.exitCode}: ${stderr.join('').slice(-800)}`)
          : undefined,
    });
    expect(await exitCode(['healthcheck.js'], dir, { PORT: String(port), HEALTH_PATH: spec.health })).toBe(0);
    const answer = await fetch(`http://127.0.0.1:${port}${spec.try}`);
    expect(answer.status).toBe(200);
  });
});
