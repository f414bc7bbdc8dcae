import type { AxiosInstance } from 'axios';
import { currentRequestId, runWithRequestContext } from './request-context';
import { REQUEST_ID_HEADER, acceptRequestId } from './request-id';

/** Every call made with `client` inside a request carries its X-Request-ID. Returns the interceptor id. */
export function propagateRequestId(client: AxiosInstance): number {
  return client.interceptors.request.use((config) => {
    const requestId = currentRequestId();
    if (requestId !== undefined) config.headers.set('X-Request-ID', requestId);
    return config;
  });
}

export type AmqpHeaders = Record<string, unknown>;

/** AMQP message headers with the current request id added (as `x-request-id`), for publish options. */
export function withRequestIdHeader<V = unknown>(headers: Record<string, V> = {}): Record<string, V | string> {
  const requestId = currentRequestId();
  return requestId === undefined ? headers : { ...headers, [REQUEST_ID_HEADER]: requestId };
}

/**
 * Runs a consumer's handler in the request context of the message: its `x-request-id` when sane (the
 * publisher may be anyone on the broker), else a fresh id so the handling still has one.
 */
export function runWithRequestIdFrom<T>(headers: AmqpHeaders | undefined, handle: () => T): T {
  const sent = headers?.[REQUEST_ID_HEADER];
  const text = Buffer.isBuffer(sent) ? sent.toString('utf8') : sent;
  return runWithRequestContext({ requestId: acceptRequestId(text) }, handle);
}
