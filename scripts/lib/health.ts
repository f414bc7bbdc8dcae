import http from 'node:http';
import https from 'node:https';
import { pollUntil } from './poll';

/**
 * One GET with a short timeout; resolves to the status code, or 0 when nothing answered.
 * An https URL (chapter 08's edge) is probed over TLS without checking the certificate: the probe
 * asks a process the runner just started on loopback whether it is up, not who it is; the edge's
 * certificate is self-signed and made at its first start, so there is nothing to check it against yet.
 */
export function probe(url: string, timeoutMs = 1000): Promise<number> {
  const get = url.startsWith('https:')
    ? (cb: (res: http.IncomingMessage) => void) =>
        https.get(url, { timeout: timeoutMs, agent: false, rejectUnauthorized: false }, cb)
    : (cb: (res: http.IncomingMessage) => void) => http.get(url, { timeout: timeoutMs, agent: false }, cb);
  return new Promise((resolve) => {
    const req = get((res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Called on every poll, e.g. to draw a progress line. */
  onPoll?: (elapsedMs: number, lastStatus: number) => void;
  /** Stops waiting early with this error (e.g. the process already exited). */
  abort?: () => Error | undefined;
}

/** Polls `url` until it answers 200 and returns how long that took: it returns as soon as the service is up. */
export async function waitForHealthy(url: string, options: WaitOptions = {}): Promise<number> {
  const { timeoutMs = 30_000, intervalMs = 100, onPoll, abort } = options;
  const started = Date.now();
  let status = 0;
  await pollUntil(
    () => `${url} to answer 200 (last status: ${status || 'no answer'})`,
    async () => {
      status = await probe(url);
      if (status === 200) return true;
      const aborted = abort?.();
      if (aborted) throw aborted;
      return undefined;
    },
    { timeoutMs, intervalMs, onPoll: (elapsed) => onPoll?.(elapsed, status) },
  );
  return Date.now() - started;
}
