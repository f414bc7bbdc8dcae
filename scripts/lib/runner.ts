import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import type { ReadyMessage, ScaleMessage } from './cluster-primary';
import { type GelfForwarder, gelfForwarder } from './gelf-forwarder';
import { waitForHealthy } from './health';
import { type Manifest, type ServiceSpec, readManifest, resolveEnv } from './manifest';
import { LOCAL_HOST, freePort } from './ports';
import { REPO_ROOT, UsageError } from './paths';

export interface RunningService {
  spec: ServiceSpec;
  port: number;
  url: string;
  process: ChildProcess;
  /** The last lines the service printed, for error messages. */
  recentOutput: string[];
  /** Set when the service runs as several replicas behind one port (a node:cluster primary). */
  replicas?: number;
}

export interface Landscape {
  manifest: Manifest;
  services: RunningService[];
  url(service: string): string;
  /** SIGTERM to every service, in reverse start order; resolves to each one's exit code. */
  stop(): Promise<Record<string, number | null>>;
  /** Changes the number of replicas of a service started with `replicas` (0 stops them all); resolves once all listen. */
  scale(service: string, replicas: number): Promise<void>;
}

export interface StartOptions {
  /** The chapter folder holding landscape.yml (solutions/NN-* or chapters/NN-*). */
  dir: string;
  /** 'manifest' uses the documented ports; 'free' picks unused ones (tests). */
  ports?: 'manifest' | 'free';
  /** Receives every output line of every service. Default: drop it. */
  onOutput?: (service: string, index: number, line: string) => void;
  onWaiting?: (service: string, elapsedMs: number) => void;
  env?: Record<string, string>;
  /**
   * Services to run as N replicas behind one port, round robin (`--replicas quotes-service=3`):
   * local mode's stand-in for a Swarm service's replicas and VIP. A service named here can be
   * scaled later with `landscape.scale`.
   */
  replicas?: Record<string, number>;
  /** Start only these services (the footprint benchmark starts the measured ones itself). Default: all. */
  only?: string[];
}

const STOP_TIMEOUT_MS = 15_000;
const CLUSTER_PRIMARY = path.join(__dirname, 'cluster-primary.ts');
const REPLICAS_READY_TIMEOUT_MS = 60_000;

/**
 * Local mode: each service is a Node process running its TypeScript entry directly (through tsx),
 * started in manifest order, each one waited for on its health URL before the next starts.
 */
export async function startLandscape(options: StartOptions): Promise<Landscape> {
  const manifest = readManifest(options.dir);
  const ports = new Map<string, number>();
  const udpPorts = new Map<string, number>();
  const httpPorts = new Map<string, number>();
  for (const spec of manifest.services) {
    ports.set(spec.name, options.ports === 'free' ? await freePort() : spec.port);
    if (spec.udp) udpPorts.set(spec.name, options.ports === 'free' ? await freePort() : spec.udp);
    if (spec.https) httpPorts.set(spec.name, options.ports === 'free' ? await freePort() : spec.https.httpPort);
  }
  // Chapter 05: every other service's output lines go to logtail as GELF, as Docker's gelf driver sends them.
  const gelf = manifest.gelf ? gelfForwarder(udpPorts.get(manifest.gelf) as number) : undefined;
  const launchOptions: LaunchOptions = {
    ...options,
    udpPorts,
    httpPorts,
    gelf: gelf && { forwarder: gelf, to: manifest.gelf },
  };

  const services: RunningService[] = [];
  const landscape: Landscape = {
    manifest,
    services,
    url: (name) => {
      const service = services.find((s) => s.spec.name === name);
      if (!service) throw new UsageError(`No service "${name}" in chapter ${manifest.chapter}`);
      return service.url;
    },
    stop: () => stopAll(services).finally(() => gelf?.close()),
    scale: async (name, replicas) => {
      const service = services.find((s) => s.spec.name === name);
      if (service?.replicas === undefined)
        throw new UsageError(`${name} was not started with replicas, so it cannot be scaled`);
      await scaleService(service, replicas);
    },
  };

  try {
    for (const [index, spec] of manifest.services.entries()) {
      if (options.only && !options.only.includes(spec.name)) continue;
      const service = launch(spec, index, ports, launchOptions);
      services.push(service);
      const ready = service.replicas ? replicasReady(service, service.replicas) : undefined;
      ready?.catch(() => undefined); // awaited below; this only stops an early exit counting as unhandled
      await waitForHealthy(service.url + spec.health, {
        onPoll: (elapsed) => options.onWaiting?.(spec.name, elapsed),
        abort: () => exitedEarly(service),
      });
      await ready;
    }
  } catch (err) {
    await stopAll(services);
    await gelf?.close();
    throw err;
  }
  return landscape;
}

interface LaunchOptions extends StartOptions {
  udpPorts: Map<string, number>;
  /** The plain-HTTP (redirecting) port of each HTTPS service (chapter 08's edge). */
  httpPorts: Map<string, number>;
  /** Where output lines go as GELF, and the service that receives them (its own lines are not sent). */
  gelf?: { forwarder: GelfForwarder; to?: string };
}

function launch(spec: ServiceSpec, index: number, ports: Map<string, number>, options: LaunchOptions): RunningService {
  const port = ports.get(spec.name) as number;
  const udpPort = options.udpPorts.get(spec.name);
  const httpPort = options.httpPorts.get(spec.name);
  const gelf = options.gelf && options.gelf.to !== spec.name ? options.gelf.forwarder : undefined;
  const entry = path.join(options.dir, spec.entry);
  const replicas = options.replicas?.[spec.name];
  const child = spawn(
    process.execPath,
    [...nodeArgs(spec, options.dir), ...(replicas ? [CLUSTER_PRIMARY] : []), entry],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...resolveEnv(spec.env, ports),
        ...options.env,
        PORT: String(port),
        HOST: LOCAL_HOST,
        ...(udpPort ? { UDP_PORT: String(udpPort) } : {}),
        ...(httpPort ? { HTTP_PORT: String(httpPort) } : {}),
        ...(replicas ? { REPLICAS: String(replicas) } : {}),
        ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', ...(replicas ? (['ipc'] as const) : [])],
      // Own process group: Ctrl-C reaches only the runner, which then stops services in order.
      detached: true,
    },
  );
  const service: RunningService = {
    spec,
    port,
    url: `${spec.https ? 'https' : 'http'}://127.0.0.1:${port}`,
    process: child,
    recentOutput: [],
    ...(replicas ? { replicas } : {}),
  };
  for (const [name, stream] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ] as const) {
    readline.createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (line) => {
      service.recentOutput.push(line);
      if (service.recentOutput.length > 40) service.recentOutput.shift();
      gelf?.send(spec.name, line, name);
      options.onOutput?.(spec.name, index, line);
    });
  }
  return service;
}

/**
 * How node loads a service's TypeScript: `--import tsx`; with a preload (chapter 06's tracing), that
 * module first through `--require` (tsx's CommonJS hook ahead of it, since `--require` runs before
 * `--import`), so it runs before anything the service requires. Replicas inherit these arguments.
 */
export function nodeArgs(spec: ServiceSpec, dir: string): string[] {
  const preload = spec.preload ? ['--require', 'tsx/cjs', '--require', path.join(dir, spec.preload)] : [];
  return [...preload, '--import', 'tsx'];
}

/** Resolves once the cluster primary reports `replicas` replicas listening; rejects if it exits first. */
async function replicasReady(service: RunningService, replicas: number): Promise<void> {
  const child = service.process;
  const ready = new Promise<void>((resolve) => {
    const onMessage = (message: ReadyMessage) => {
      if (message?.type !== 'ready' || message.replicas !== replicas) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
  });
  const exited = once(child, 'exit').then(() => {
    throw exitedEarly(service) ?? new Error(`${service.spec.name} exited`);
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${service.spec.name}: ${replicas} replica(s) not listening within ${REPLICAS_READY_TIMEOUT_MS / 1000} s`,
          ),
        ),
      REPLICAS_READY_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([ready, exited, late]);
  } finally {
    clearTimeout(timer);
    exited.catch(() => undefined); // the service exits later, when it is stopped
  }
}

async function scaleService(service: RunningService, replicas: number): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new UsageError(`replicas must be a whole number ≥ 0`);
  const ready = replicasReady(service, replicas);
  service.process.send({ type: 'scale', replicas } satisfies ScaleMessage);
  await ready;
  service.replicas = replicas;
}

function exitedEarly(service: RunningService): Error | undefined {
  const { exitCode, signalCode } = service.process;
  if (exitCode === null && signalCode === null) return undefined;
  const output = service.recentOutput.slice(-15).join('\n    ');
  // The service's own words say what is wrong (e.g. the bad config key): no stack trace of ours after them.
  return new UsageError(
    `${service.spec.name} exited (code ${exitCode ?? signalCode}) before it was healthy:\n    ${output}`,
  );
}

async function stopAll(services: RunningService[]): Promise<Record<string, number | null>> {
  const codes: Record<string, number | null> = {};
  for (const service of [...services].reverse()) {
    codes[service.spec.name] = await stopOne(service.process);
  }
  return codes;
}

function stopOne(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
