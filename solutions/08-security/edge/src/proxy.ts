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
export function proxyTo(route: ApiRoute, baseUrl: string, timeoutMs = 10_000): RequestHandler {
  return createProxyMiddleware<IncomingMessage, ServerResponse>({
    target: baseUrl,
    changeOrigin: true,
    xfwd: false,
    proxyTimeout: timeoutMs,
    pathRewrite: (path) => `${route.upstreamPrefix}${path === '/' ? '' : path}`,
    on: {
      proxyReq: (proxyReq, req, res) => {
        const token = verifiedToken(res as Response);
        for (const name of NOT_RELAYED) proxyReq.removeHeader(name);
        if (!token) return;
        const headers = relayHeaders({
          token: token.token,
          requestId: String(req.headers['x-request-id']),
          clientIp: req.socket.remoteAddress ?? '',
          host: req.headers.host,
        });
        for (const [name, value] of Object.entries(headers)) proxyReq.setHeader(name, value);
      },
      error: (err, _req, res) => {
        const response = res as Response;
        if (!('headersSent' in response) || response.headersSent) return;
        const timedOut = (err as NodeJS.ErrnoException).code === 'ECONNRESET';
        sendError(response, timedOut ? 504 : 502, timedOut ? 'UPSTREAM_TIMEOUT' : 'BAD_GATEWAY', `${route.service} is not answering`);
      },
    },
  }) as unknown as RequestHandler;
}
