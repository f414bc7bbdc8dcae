import { randomUUID } from 'node:crypto';

/** The header a request id travels in: HTTP (case-insensitive) and AMQP message headers alike. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Up to 128 characters of letters, digits and `. _ : -`: enough for UUIDs, trace ids and "t-123". */
export const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function newRequestId(): string {
  return randomUUID();
}

/**
 * The request id to use for an incoming one: kept when it is sane, else a fresh one. A client
 * controls this header, so a 10 KB value, CR/LF (forged log lines) or non-ASCII never gets further.
 */
export function acceptRequestId(incoming: unknown): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : newRequestId();
}
