import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { checkHealth, healthUrl } from '../docker/healthcheck';
import { freePort } from '@workshop/testkit';

// The container's HEALTHCHECK script, against real HTTP servers on free loopback ports.
describe('the health-check script', () => {
  let server: http.Server;
  let status = 200;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      res.statusCode = status;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('[healthcheck-script] is healthy when the URL answers 200', async () => {
    status = 200;
    await expect(checkHealth(`${url}/health`)).resolves.toMatchObject({ healthy: true });
  });

  it('[healthcheck-script] is unhealthy when the service answers 503', async () => {
    status = 503;
    await expect(checkHealth(`${url}/health`)).resolves.toEqual({
      healthy: false,
      detail: `${url}/health answered HTTP 503`,
    });
  });

  it('[healthcheck-script] is unhealthy, in time, when the service does not answer', async () => {
    const started = Date.now();
    await expect(checkHealth(`${url}/hang`, 200)).resolves.toMatchObject({
      healthy: false,
      detail: expect.stringMatching(/no answer within 200 ms/),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('[healthcheck-script] is unhealthy when nothing listens', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/health`;
    await expect(checkHealth(closed)).resolves.toMatchObject({ healthy: false, detail: /ECONNREFUSED/ });
  });

  it('checks http://127.0.0.1:$PORT$HEALTH_PATH unless given a URL', () => {
    expect(healthUrl([], { PORT: '6767', HEALTH_PATH: '/health' })).toBe('http://127.0.0.1:6767/health');
    expect(healthUrl([], {})).toBe('http://127.0.0.1:8080/health');
    expect(healthUrl(['http://x:1/h'], { PORT: '6767' })).toBe('http://x:1/h');
  });

  it('[healthcheck-script] exits 0 when healthy and 1 when not, as Docker expects', async () => {
    const script = path.join(__dirname, '..', 'docker', 'healthcheck.ts');
    // Asynchronous: the test's own server must keep answering while the script runs.
    const exitCode = async (target: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, target], { stdio: 'ignore', timeout: 30_000 });
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    };
    status = 200;
    expect(await exitCode(`${url}/health`)).toBe(0);
    status = 500;
    expect(await exitCode(`${url}/health`)).toBe(1);
    // Two processes that each load TypeScript: seconds on a busy machine, not jest's default 5.
  }, 60_000);
});
