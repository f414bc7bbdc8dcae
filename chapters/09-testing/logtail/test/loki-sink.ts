import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LokiPush } from '../src/forwarder/loki-push';

/** A local HTTP sink that records Loki pushes; it can be down (not listening) and come up on the same port. */
export class LokiSink {
  readonly pushes: LokiPush[] = [];
  /** Status to answer with (200 by default; 400 or 503 to refuse). */
  status = 204;
  private readonly server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      if (this.status < 300) this.pushes.push(JSON.parse(Buffer.concat(parts).toString('utf8')) as LokiPush);
      res.writeHead(this.status).end();
    });
  });

  private constructor(readonly port: number) {}

  /** A sink on a port nobody listens on yet: POSTs to it are refused until up(). */
  static async down(): Promise<LokiSink> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return new LokiSink(port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/loki/api/v1/push`;
  }

  /** Every line received, in order. */
  lines(): Record<string, unknown>[] {
    return this.pushes.flatMap((push) =>
      push.streams.flatMap((stream) => stream.values.map(([, line]) => JSON.parse(line) as Record<string, unknown>)),
    );
  }

  up(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
