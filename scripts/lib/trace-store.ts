import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import readline from 'node:readline';
import { waitForHealthy } from './health';
import { REPO_ROOT } from './paths';
import { type PollOptions, pollUntil } from './poll';
import { LOCAL_HOST, isPortFree } from './ports';
import type { ZipkinSpan } from './waterfall';

/** A W3C `traceparent` for a new, sampled trace: the caller knows the trace id before the request. */
export function newTraceparent(): { traceId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
}

/** The same as B3 multi headers, what Spring Cloud Sleuth and Zuul send. */
export function newB3Trace(): { traceId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  return {
    traceId,
    headers: { 'X-B3-TraceId': traceId, 'X-B3-SpanId': randomBytes(8).toString('hex'), 'X-B3-Sampled': '1' },
  };
}

/** One trace from Zipkin's v2 API; undefined while the store has none of its spans (404). */
export async function readTrace(zipkinUrl: string, traceId: string): Promise<ZipkinSpan[] | undefined> {
  const res = await fetch(`${zipkinUrl}/api/v2/trace/${traceId}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${zipkinUrl}/api/v2/trace/${traceId} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ZipkinSpan[];
}

/**
 * The trace once `complete` says it is (spans arrive in batches, service by service). On timeout
 * the error says which services had sent spans so far.
 */
export function waitForTrace(
  zipkinUrl: string,
  traceId: string,
  complete: (spans: ZipkinSpan[]) => boolean,
  options: PollOptions,
): Promise<ZipkinSpan[]> {
  let seen: ZipkinSpan[] = [];
  return pollUntil(
    () => {
      const services = [...new Set(seen.map((s) => s.localEndpoint?.serviceName))].join(', ') || 'none';
      return `trace ${traceId} in ${zipkinUrl}: ${seen.length} span(s) so far, from ${services}`;
    },
    async () => {
      seen = (await readTrace(zipkinUrl, traceId)) ?? [];
      return seen.length && complete(seen) ? seen : undefined;
    },
    options,
  );
}

export interface TraceStoreProcess {
  url: string;
  process: ChildProcess;
  /** SIGTERM, and its exit code once it exited. */
  stop(): Promise<number | null>;
}

/**
 * Runs the chapter's embedded Zipkin (`zipkin/src/main.ts`) as its own process on `port`, as the
 * runner does, and resolves once it is healthy: how a demo brings back a trace store it stopped.
 */
export async function startTraceStore(
  entry: string,
  port: number,
  onLine: (line: string) => void = () => undefined,
): Promise<TraceStoreProcess> {
  if (!(await isPortFree(port))) throw new Error(`port ${port} is taken: is a trace store still running there?`);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: LOCAL_HOST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      onLine(line);
    });
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = once(child, 'exit') as Promise<[number | null]>;
    child.kill('SIGTERM');
    return (await exited)[0];
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(`${url}/health`, {
      abort: () =>
        child.exitCode === null && child.signalCode === null
          ? undefined
          : new Error(`zipkin exited (code ${child.exitCode ?? child.signalCode}):\n    ${output.join('\n    ')}`),
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, process: child, stop };
}
