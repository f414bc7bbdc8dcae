import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { probe, waitForHealthy } from '../lib/health';

// The runner's health probe, against real servers: plain HTTP, and HTTPS with a certificate the
// service made itself at start (chapter 08's edge), which the probe cannot know in advance.
async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const answer = (req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(req.url === '/health' ? 200 : 503).end();

describe('the health probe', () => {
  it('reads the status over HTTPS from a service with a self-signed certificate', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', curve: 'P-256' });
    const server = https.createServer({ key: pems.private, cert: pems.cert }, answer);
    const port = await listen(server);
    try {
      expect(await probe(`https://127.0.0.1:${port}/health`)).toBe(200);
      expect(await probe(`https://127.0.0.1:${port}/other`)).toBe(503);
      expect(await waitForHealthy(`https://127.0.0.1:${port}/health`, { timeoutMs: 5000 })).toBeGreaterThanOrEqual(0);
      // Plain HTTP to the TLS port is no answer, not a crash.
      expect(await probe(`http://127.0.0.1:${port}/health`)).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('still reads plain HTTP, and says 0 when nothing listens', async () => {
    const server = http.createServer(answer);
    const port = await listen(server);
    expect(await probe(`http://127.0.0.1:${port}/health`)).toBe(200);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    expect(await probe(`https://127.0.0.1:${port}/health`)).toBe(0);
  });
});
