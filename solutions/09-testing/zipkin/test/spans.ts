import type { Span } from '../src/span';

/** zipkin2-api.yaml's example span (definitions/Span/example), verbatim. */
export const SPEC_EXAMPLE: Span = {
  id: '352bff9a74ca9ad2',
  traceId: '5af7183fb1d4cf5f',
  parentId: '6b221d5bc9e6496c',
  name: 'get /api',
  timestamp: 1556604172355737,
  duration: 1431,
  kind: 'SERVER',
  localEndpoint: { serviceName: 'backend', ipv4: '192.168.99.1', port: 3306 },
  remoteEndpoint: { ipv4: '172.19.0.2', port: 58648 },
  tags: { 'http.method': 'GET', 'http.path': '/api' },
};

let counter = 0;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A three-span trace in the shape the OpenTelemetry Zipkin exporter sends: SERVER → CLIENT → SERVER. */
export function sampleTrace(startUs: number, opts: { error?: boolean; traceId?: string } = {}): Span[] {
  counter += 1;
  const traceId = opts.traceId ?? hex(counter, 32);
  const root = hex(counter * 16 + 1, 16);
  const client = hex(counter * 16 + 2, 16);
  const server = hex(counter * 16 + 3, 16);
  return [
    {
      traceId,
      id: root,
      name: 'GET /accounts/:accountId',
      kind: 'SERVER',
      timestamp: startUs,
      duration: 40_000,
      localEndpoint: { serviceName: 'accountservice' },
      tags: { 'http.status_code': '200' },
    },
    {
      traceId,
      id: client,
      parentId: root,
      name: 'GET',
      kind: 'CLIENT',
      timestamp: startUs + 5_000,
      duration: 30_000,
      localEndpoint: { serviceName: 'accountservice' },
      remoteEndpoint: { serviceName: 'quotes-service' },
    },
    {
      traceId,
      id: server,
      parentId: client,
      name: 'GET /api/quote',
      kind: 'SERVER',
      timestamp: startUs + 8_000,
      duration: 25_000,
      localEndpoint: { serviceName: 'quotes-service' },
      tags: opts.error ? { error: 'quote failed', 'http.status_code': '500' } : { 'http.status_code': '200' },
    },
  ];
}
