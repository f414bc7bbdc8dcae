import type { RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

/**
 * Times every request into `http_request_duration_seconds{method,route,status}`. The route label is
 * the matched route's PATTERN (`/accounts/:accountId`), never the raw URL: one time series per
 * route, not one per account id (which would grow without bound). Unknown paths share `unmatched`.
 */
export function httpMetricsMiddleware(registry: Registry): RequestHandler {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests served, by method, route pattern and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    const end = histogram.startTimer();
    res.once('finish', () => {
      // Express sets req.route once a route matched (after this middleware ran, before finish).
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
