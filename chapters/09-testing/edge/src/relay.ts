/** What the edge knows for sure about a request once it has verified it. */
export interface RelayContext {
  /** The access token the edge verified (never an unverified header value). */
  token: string;
  requestId: string;
  /** The client's address as the edge's socket saw it. */
  clientIp: string;
  /** The Host the client asked for. */
  host: string | undefined;
}

/** Incoming headers the services never get: cookies belong to the edge's own pages. */
export const NOT_RELAYED = ['authorization', 'cookie'];

/**
 * The headers the edge sets on the request it forwards: the verified token relayed as a Bearer
 * token (the service verifies it again), the request id, and X-Forwarded-* written by us alone.
 */
export function relayHeaders(ctx: RelayContext): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${ctx.token}`,
    'x-request-id': ctx.requestId,
    'x-forwarded-for': ctx.clientIp,
    'x-forwarded-proto': 'https',
  };
  if (ctx.host) headers['x-forwarded-host'] = ctx.host;
  return headers;
}
