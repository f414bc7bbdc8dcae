import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  INSTRUMENTED_PACKAGES,
  bundle,
  freePort,
  imageEntries,
  pollUntil,
  readManifest,
  waitForHealthy,
} from '@workshop/testkit';
import { type RunningServer, serve } from '../common/http';
import { SpanStore } from '../zipkin/src/span-store';
import { buildApp as buildZipkin } from '../zipkin/src/app';
import { AMQP_URL, uniqueName, withChannel } from '../common/messaging/test/helpers/broker';
import { startLocalConfigServer } from './local-configserver';
import { httpsGet } from './security-landscape';
import { makeSecrets } from '../stack-secrets';

// What each image holds, tried without Docker: the production bundle is built into a folder
// outside the repository (so nothing can come from the repo's node_modules), then run there
// the way the image runs it: `node main.js` (a traced service: `node --require ./register.js main.js`),
// `node healthcheck.js`.
// Each service fetches its configuration at start, from a configserver on a free port here, and
// talks to the real broker on names of its own (deleted after).
const chapterDir = path.resolve(__dirname, '..');
const manifest = readManifest(chapterDir);
// The configserver and zipkin have no image of ours: in Swarm they are Spring's and openzipkin's own.
const imaged = manifest.services.filter((s) => s.name !== 'configserver' && s.name !== 'zipkin');
/** Chapter 08: what answers its try path with 401 and a Bearer challenge until a token comes along. */
const NEEDS_TOKEN = ['accountservice', 'edge'];
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
  // logtail also listens for GELF on UDP: a port of its own, as two runs may overlap.
  let udpPort: number;
  // Chapter 08: the edge's plain-HTTP port (its health check asks there).
  let httpPort: number;
  // Chapter 08: the Docker secrets authserver and edge read in production, made as `npm run swarm -- secrets 9` makes them.
  let secretsDir: string;
  let configserver: Awaited<ReturnType<typeof startLocalConfigServer>>;
  const names = uniqueName(`image-${name}`);

  beforeAll(async () => {
    configserver = await startLocalConfigServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `image-${name}-`));
    secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), `image-${name}-secrets-`));
    await makeSecrets(secretsDir);
    await bundle(imageEntries(chapterDir, spec.entry, spec.preload), dir, {
      external: spec.preload ? INSTRUMENTED_PACKAGES : [],
    });
  });
  afterAll(async () => {
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await once(service, 'exit');
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(secretsDir, { recursive: true, force: true });
    await configserver?.stop();
    await withChannel(async (channel) => {
      for (const queue of [`${names}.q`, `${names}.q.dlq`]) await channel.deleteQueue(queue);
      for (const exchange of [`${names}.x`, `${names}.x.dlx`, `${names}.bus`]) await channel.deleteExchange(exchange);
    });
  });

  it('is one bundle plus the health-check script (a traced service: its tracing, and the packages tracing patches)', () => {
    if (!spec.preload) {
      expect(fs.readdirSync(dir).sort()).toEqual(['healthcheck.js', 'main.js']);
      return;
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['healthcheck.js', 'main.js', 'node_modules', 'register.js']);
    const modules = fs.readdirSync(path.join(dir, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(INSTRUMENTED_PACKAGES));
    // What they require comes along; nothing else of the repository's node_modules does.
    expect(modules).not.toContain('axios');
    expect(modules).not.toContain('@opentelemetry');
  });

  it('starts from the bundle alone, in production mode, configured by the configserver, and its health check passes', async () => {
    // Picked just before the start: during the bundling another test could take a port picked earlier.
    port = await freePort();
    udpPort = await freePort();
    httpPort = await freePort();
    service = spawn(process.execPath, [...(spec.preload ? ['--require', './register.js'] : []), 'main.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        PORT: String(port),
        UDP_PORT: String(udpPort),
        HTTP_PORT: String(httpPort),
        SECRETS_DIR: secretsDir,
        HEALTH_PATH: spec.health,
        PROFILE: 'test',
        CONFIG_SERVER_URL: configserver.url,
        AMQP_URL,
        VIP_EXCHANGE: `${names}.x`,
        VIP_QUEUE: `${names}.q`,
        SPRING_CLOUD_BUS_DESTINATION: `${names}.bus`,
        OTEL_SERVICE_NAME: name,
        TRACING_ZIPKIN_URL: `${zipkinUrl}/api/v2/spans`,
        TRACING_EXPORT_DELAY_MS: '100',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    service.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const scheme = spec.https ? 'https' : 'http';
    await waitForHealthy(`${scheme}://127.0.0.1:${port}${spec.health}`, {
      abort: () =>
        service?.exitCode !== null
          ? new Error(`${name} exited with ${service?.exitCode}: ${stderr.join('').slice(-800)}`)
          : undefined,
    });
    // The edge's health check asks its plain-HTTP port (the image has no certificate to trust).
    const probed = spec.https ? httpPort : port;
    expect(await exitCode(['healthcheck.js'], dir, { PORT: String(probed), HEALTH_PATH: spec.health })).toBe(0);
    const answer = spec.https
      ? await httpsGet(`https://127.0.0.1:${port}`, secretsDir, spec.try ?? '/', {}, 'edge-tls-cert')
      : await fetch(`http://127.0.0.1:${port}${spec.try}`).then((res) => ({
          status: res.status,
          headers: { 'www-authenticate': res.headers.get('www-authenticate') ?? undefined },
        }));
    if (NEEDS_TOKEN.includes(name)) {
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
    } else {
      expect(answer.status).toBe(200);
    }
  });

  // The http, express and amqplib instrumentations patch what the bundle requires at run time.
  it('[exporter-from-config] sends its spans from the bundle, the patched packages included (a traced service)', async () => {
    if (!spec.preload) return;
    const { spans } = await pollUntil(
      `${name}'s spans from the bundle`,
      () => {
        const found = zipkin.store
          .query({ serviceName: name, endTs: Date.now() + 60_000, lookback: 3_600_000, limit: 1000 })
          .flat()
          .filter((s) => s.localEndpoint?.serviceName === name);
        const complete =
          found.some((s) => s.kind === 'SERVER') &&
          found.some((s) => s.tags?.['express.type']) &&
          (name !== 'accountservice' || found.some((s) => s.kind === 'PRODUCER'));
        return complete ? { spans: found } : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    // The SERVER span is http's (node's own module); the express spans need express outside the bundle.
    expect(spans.find((s) => s.tags?.['express.type'])?.parentId).toBeDefined();
  });
});

let zipkinUrl: string;
const zipkin: { store: SpanStore; server?: RunningServer } = {
  store: new SpanStore({ maxTraces: 1000, maxSpans: 50_000 }),
};
beforeAll(async () => {
  zipkin.server = await serve(buildZipkin({ store: zipkin.store, bodyLimit: '5mb' }), {
    host: '127.0.0.1',
    port: 0,
    onClosed: async () => {},
  });
  zipkinUrl = `http://127.0.0.1:${zipkin.server.port}`;
});
afterAll(() => zipkin.server?.shutdown());
