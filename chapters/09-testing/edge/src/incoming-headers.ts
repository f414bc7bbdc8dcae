import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';

/** Hop-by-hop headers (RFC 9110 §7.6.1): about this connection only, never forwarded. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];
/** What only a proxy we trust may say about the client: from the outside, anyone can write them. */
const SPOOFABLE =
  /^(x-forwarded-.*|forwarded|x-real-ip|x-client-ip|x-original-(url|host)|true-client-ip|cf-connecting-ip)$/;
/** A request id we keep: short, and nothing that could break a log line or a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The edge is where the outside world ends: headers a client could use to pose as someone else
 * (X-Forwarded-For …) or to steer the connection (hop-by-hop, and any header `Connection` names)
 * are dropped, and X-Request-ID is kept only if it looks like one, else replaced.
 */
export const cleanIncomingHeaders: RequestHandler = (req, res, next) => {
  const named = (req.headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase());
  for (const name of Object.keys(req.headers)) {
    if (HOP_BY_HOP.includes(name) || SPOOFABLE.test(name) || named.includes(name)) delete req.headers[name];
  }
  req.headers['x-request-id'] = saneRequestId(req.headers);
  res.set('X-Request-ID', req.headers['x-request-id']);
  next();
};

function saneRequestId(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}
