import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { RunningServer } from '../../common/http';
import type { TlsFiles } from './tls';

export interface EdgeServers extends RunningServer {
  /** The plain HTTP port that redirects to HTTPS. */
  httpPort: number;
}

/**
 * HTTPS for the app, and plain HTTP on another port answering every request with a redirect to
 * the same path on HTTPS (the public URL, never the client's Host header: no open redirect), but
 * GET /health, which the container's health check asks over plain HTTP.
 */
export async function serveEdge(
  app: Express,
  {
    host,
    port,
    httpPort,
    tls,
    publicUrl,
    graceMs = 10_000,
  }: { host: string; port: number; httpPort: number; tls: TlsFiles; publicUrl: string; graceMs?: number },
): Promise<EdgeServers> {
  const secure = https.createServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' }, app);
  const redirect = http.createServer((req, res) => {
    // The container's health check asks here (it has no certificate to trust): liveness only, no data.
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"UP"}');
      return;
    }
    res
      .writeHead(308, { Location: `${publicUrl}${req.url?.startsWith('/') ? req.url : '/'}`, 'Content-Length': '0' })
      .end();
  });
  const [boundPort, boundHttpPort] = await Promise.all([listen(secure, host, port), listen(redirect, host, httpPort)]);
  return {
    server: secure,
    port: boundPort,
    httpPort: boundHttpPort,
    shutdown: async () => {
      const closed = Promise.all(
        [secure, redirect].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
      secure.closeIdleConnections();
      redirect.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
      const outcome = await Promise.race([closed, gaveUp]);
      clearTimeout(timer);
      if (outcome !== 'timeout') return 0;
      secure.closeAllConnections();
      return 1;
    },
  };
}

function listen(server: http.Server | https.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
