export interface RevocationPoller {
  isRevoked(jti: string): boolean;
  /** Fetches the list now (start-up, tests); a failure keeps the last list and is logged once. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the authorization server's list of revoked token ids (GET /revocations), refreshed every
 * `intervalMs`: a revoked token is refused within one interval, with no call per request.
 */
export function pollRevocations(
  url: string,
  intervalMs: number,
  log: (line: string) => void = console.warn,
): RevocationPoller {
  let revoked = new Set<string>();
  let failing = false;
  const refresh = async () => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { revoked: { jti: string }[] };
      revoked = new Set(body.revoked.map((entry) => entry.jti));
      failing = false;
    } catch (err) {
      if (!failing) log(`revocation list ${url} unavailable, keeping the last one: ${(err as Error).message}`);
      failing = true;
    }
  };
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return { isRevoked: (jti) => revoked.has(jti), refresh, stop: () => clearInterval(timer) };
}
