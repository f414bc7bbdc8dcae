import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { runWithRequestContext } from './request-context';
import { REQUEST_ID_HEADER, acceptRequestId } from './request-id';

export interface RequestLoggingOptions {
  /** Requests not worth a line each (health checks every few seconds). Default: GET /health. */
  ignore?: (req: IncomingMessage) => boolean;
}

/** Decides the request id (kept when sane, else fresh) and tells the client which one it got. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const id = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
  res.setHeader('X-Request-ID', id);
  return id;
}

/** The serialized request as pino-http logs it, minus a rejected request id header (never logged raw). */
function withoutRejectedId(serialized: { id?: unknown; headers?: Record<string, unknown> }): object {
  const sent = serialized.headers?.[REQUEST_ID_HEADER];
  if (sent === undefined || sent === serialized.id) return serialized;
  return { ...serialized, headers: { ...serialized.headers, [REQUEST_ID_HEADER]: '[replaced]' } };
}

function levelFor(_req: IncomingMessage, res: ServerResponse, err?: Error): LevelWithSilent {
  if (err || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * Express middleware: one access line per request (pino-http), the X-Request-ID in and out, and the
 * request context around everything after it, so every line, HTTP call and AMQP message the
 * request causes carries the same id.
 */
export function requestLogging(logger: Logger, options: RequestLoggingOptions = {}): RequestHandler {
  const ignore = options.ignore ?? ((req) => req.method === 'GET' && req.url === '/health');
  const httpLogger = pinoHttp({
    logger,
    genReqId: requestIdFor,
    serializers: { req: withoutRejectedId },
    customLogLevel: levelFor,
    autoLogging: { ignore },
  });
  return (req, res, next) => {
    httpLogger(req, res, () => runWithRequestContext({ requestId: String(req.id) }, next));
  };
}
