import { withRequestIdHeader } from '../logging';

/** A dependency answered with an error status. */
export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`GET ${url} answered ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** GET `url` and parse its JSON; `signal` (the breaker's timeout) aborts the request itself. */
export async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  // Connection: close, as goblog disabled keep-alives: each call opens a new connection, so a
  // Swarm VIP spreads calls over the replicas. Chapter 05: the call carries the request's X-Request-ID.
  const headers = withRequestIdHeader<string>({ accept: 'application/json', connection: 'close' });
  const res = await fetch(url, { signal, headers });
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpStatusError(url, res.status);
  }
  return (await res.json()) as T;
}

/**
 * Worth another attempt: the connection failed or the server answered 5xx/429 (it may answer next
 * time). A 4xx is our mistake and stays one; an aborted call (the breaker's timeout) is over.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status >= 500 || err.status === 429;
  return !(err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'));
}
