import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { verifiedToken } from '../../common/auth';
import { sendError } from '../../common/http';
import { NOT_RELAYED, relayHeaders } from './relay';
import type { ApiRoute } from './routes';

/**
 * Forwards a verified request to the route's service: the path under the prefix goes to the
 * service's own prefix, the headers are the client's minus what we never relay, plus relayHeaders.
 * An unreachable or slow service is a JSON 502/504, never a hanging request.
 */
/** Works out the relayed headers before proxying (a mistake there is a JSON 500, not a crash). */
export const prepareRelay: RequestHandler = (req, res, next) => {
  const token = verifiedToken(res);
  if (!token) throw new Error('prepareRelay runs after requireToken');
  res.locals.relay = relayHeaders({
    token: token.token,
    requestId: String(req.headers['x-request-id']),
    clientIp: req.socket.remoteAddress ?? '',
    host: req.headers.host,
  });
  next();
};

export function proxyTo(route: ApiRoute, baseUrl: string, timeoutMs = 10_000): RequestHandler {
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    target: baseUrl,
    changeOrigin: true,
    xfwd: false,
    proxyTimeout: timeoutMs,
    pathRewrite: (path) => `${route.upstreamPrefix}${path === '/' ? '' : path}`,
    on: {
      proxyReq: (proxyReq, _req, res) => {
        for (const name of NOT_RELAYED) proxyReq.removeHeader(name);
        const headers = (res as Response).locals.relay as Record<string, string>;
        for (const [name, value] of Object.entries(headers)) proxyReq.setHeader(name, value);
      },
      error: (err, _req, res) => {
        const response = res as Response;
        if (!('headersSent' in response) || response.headersSent) return;
        const timedOut = (err as NodeJS.ErrnoException).code === 'ECONNRESET';
        sendError(
          response,
          timedOut ? 504 : 502,
          timedOut ? 'UPSTREAM_TIMEOUT' : 'BAD_GATEWAY',
          `${route.service} is not answering`,
        );
      },
    },
  }) as unknown as RequestHandler;
}
