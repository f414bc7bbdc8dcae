import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubBehaviour = 'quote' | 'error' | 'hang' | 'slow-body' | 'not-a-quote';

export interface StubQuotesService {
  url: string;
  behaviour: StubBehaviour;
  /** How many TCP connections clients opened, and how many requests they sent. */
  connections: number;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that plays quotes-service well or badly. */
export async function startStubQuotesService(behaviour: StubBehaviour = 'quote'): Promise<StubQuotesService> {
  const server = http.createServer((req, res) => {
    stub.requests.push(req);
    switch (stub.behaviour) {
      case 'quote':
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ quote: 'Stubbed.', ipAddress: '10.0.0.42', language: 'en' }));
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
  server.on('connection', () => stub.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stub: StubQuotesService = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    behaviour,
    connections: 0,
    requests: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return stub;
}
