import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubBehaviour = 'quote' | 'error' | 'hang' | 'slow-body' | 'not-a-quote';

export interface StubQuotesService {
  url: string;
  /** What its quotes say in ipAddress (10.0.0.42 unless told), so a test can tell replicas apart. */
  ipAddress: string;
  behaviour: StubBehaviour;
  /** How many TCP connections clients opened (and closed again), and how many requests they sent. */
  connections: number;
  closedConnections: number;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that plays quotes-service well or badly. */
export async function startStubQuotesService(
  behaviour: StubBehaviour = 'quote',
  ipAddress = '10.0.0.42',
): Promise<StubQuotesService> {
  const server = http.createServer((req, res) => {
    stub.requests.push(req);
    switch (stub.behaviour) {
      case 'quote':
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ quote: 'Stubbed.', ipAddress: stub.ipAddress, language: 'en' }));
        return;
      case 'error':
        res.statusCode = 500;
        res.end('{"error":{"code":"INTERNAL_ERROR"}}');
        return;
      case 'not-a-quote':
        res.setHeader('Content-Type', 'application/json');
        res.end('{"hello":"world"}');
        return;
      case 'slow-body':
        res.setHeader('Content-Type', 'application/json');
        res.write('{"quote":"'); // headers and a first byte, then nothing more
        return;
      case 'hang':
        return; // never answers
    }
  });
  server.on('connection', (socket) => {
    stub.connections++;
    socket.on('close', () => stub.closedConnections++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stub: StubQuotesService = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ipAddress,
    behaviour,
    connections: 0,
    closedConnections: 0,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return stub;
}
