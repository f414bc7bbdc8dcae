import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

/** Zipkin's v2 HTTP API (zipkin2-api.yaml, base path /api/v2), its health check and the trace page. */
export function routes(handlers: Handlers): Route[] {
  return [
    { name: 'PostSpans', method: 'POST', pattern: '/api/v2/spans', handler: handlers.postSpans },
    { name: 'SpanNames', method: 'GET', pattern: '/api/v2/spans', handler: handlers.spanNames },
    { name: 'Services', method: 'GET', pattern: '/api/v2/services', handler: handlers.services },
    { name: 'Traces', method: 'GET', pattern: '/api/v2/traces', handler: handlers.traces },
    { name: 'Trace', method: 'GET', pattern: '/api/v2/trace/:traceId', handler: handlers.trace },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
    { name: 'Page', method: 'GET', pattern: '/', handler: handlers.page },
    { name: 'ZipkinPage', method: 'GET', pattern: '/zipkin/', handler: handlers.page },
  ];
}
