import http from 'node:http';

/** One GET with a short timeout; resolves to the status code, or 0 when nothing answered. */
export function probe(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
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

/** Polls `url` until it answers 200. No fixed sleeps: it returns as soon as the service is up. */
export async function waitForHealthy(url: string, options: WaitOptions = {}): Promise<number> {
  const { timeoutMs = 30_000, intervalMs = 100, onPoll, abort } = options;
  const started = Date.now();
  for (;;) {
    const status = await probe(url);
    const elapsed = Date.now() - started;
    if (status === 200) return elapsed;
    const aborted = abort?.();
    if (aborted) throw aborted;
    if (elapsed > timeoutMs) {
      throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last status: ${status || 'no answer'})`);
    }
    onPoll?.(elapsed, status);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
