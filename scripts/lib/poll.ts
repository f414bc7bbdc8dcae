export interface PollOptions {
  timeoutMs: number;
  /** Pause between two checks. Default 250 ms. */
  intervalMs?: number;
  /** Called after every unsuccessful check, e.g. to draw a progress line. */
  onPoll?: (elapsedMs: number) => void;
}

/**
 * Checks until `check` returns a value (not undefined) and returns it: a wait on a condition, never a
 * fixed sleep. On timeout it throws "Timed out after N s waiting for WHAT"; `what` may be a function,
 * to say what was seen last. An error thrown by `check` ends the wait at once.
 */
export async function pollUntil<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs, intervalMs = 250, onPoll }: PollOptions,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const elapsed = Date.now() - started;
    if (elapsed > timeoutMs) {
      const waitedFor = typeof what === 'function' ? what() : what;
      throw new Error(`Timed out after ${Math.round(elapsed / 1000)} s waiting for ${waitedFor}`);
    }
    onPoll?.(elapsed);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
