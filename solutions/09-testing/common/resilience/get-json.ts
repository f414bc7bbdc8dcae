import { withRequestIdHeader } from '../logging';
import type { ReplicaSet } from './replicas';

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
  // Kept-alive connections (fetch's default); the ReplicaSet below picks the replica per call.
  // Chapter 05: the call carries the request's X-Request-ID.
  const headers = withRequestIdHeader<string>({ accept: 'application/json' });
  const res = await fetch(url, { signal, headers });
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpStatusError(url, res.status);
  }
  return (await res.json()) as T;
}

/** What the balanced GET needs: the path and query of the call, and the breaker's signal. */
export type GetJson = <T>(pathAndQuery: string, signal: AbortSignal) => Promise<T>;

/**
 * getJson over the replicas of a service: each call goes to the next replica; a replica whose
 * connection fails is dropped, so the retry that follows asks another.
 */
export function balancedGetJson(replicas: ReplicaSet): GetJson {
  return async <T>(pathAndQuery: string, signal: AbortSignal) => {
    const baseUrl = await replicas.next();
    if (!baseUrl) throw new Error(`no replica of ${replicas.target.host} is known`);
    try {
      return await getJson<T>(`${baseUrl}${pathAndQuery}`, signal);
    } catch (err) {
      if (isConnectionFailure(err)) replicas.drop(baseUrl);
      throw err;
    }
  };
}

/** fetch failed before an answer: refused, reset, unreachable (its cause carries the code). */
function isConnectionFailure(err: unknown): boolean {
  // By name, not instanceof: fetch's TypeError may come from another realm (a test's sandbox).
  const { name, cause } = (err ?? {}) as { name?: string; cause?: { code?: unknown } };
  return name === 'TypeError' && typeof cause?.code === 'string';
}

/**
 * Worth another attempt: the connection failed or the server answered 5xx/429 (it may answer next
 * time). A 4xx is our mistake and stays one; an aborted call (the breaker's timeout) is over.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status >= 500 || err.status === 429;
  return !(err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'));
}
