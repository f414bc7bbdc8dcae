import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../load-client';

// The in-swarm load client must see every failure, or "0 failed requests" would mean nothing:
// it runs here against real loopback servers that answer, refuse and reset.

function serve(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server });
    });
  });
}

const quiet = () => {};

describe('the in-swarm load client', () => {
  it('sends a bounded number of requests, half on fresh connections, half kept alive, and counts who served them', async () => {
    const { url, server } = await serve((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: req.url?.split('/').pop(), servedBy: 'task-a' }));
    });
    try {
      const load = runLoad(
        { urlPrefix: `${url}/accounts/`, ratePerSecond: 400, maxMs: 10_000, maxRequests: 40 },
        quiet,
      );
      const summary = await load.done;
      const all = { sent: 20, ok: 20, failed: 0, errors: {}, servedBy: { 'task-a': 20 }, failedTo: {}, slowLookups: 0 };
      expect(summary.modes.fresh).toEqual(all);
      expect(summary.modes.keepalive).toEqual(all);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('counts non-200 answers, reset connections and refused connections as failures', async () => {
    let n = 0;
    const { url, server } = await serve((req, res) => {
      n++;
      if (n % 3 === 0) return req.socket.destroy(); // a reset mid-request
      res.statusCode = n % 3 === 1 ? 503 : 200;
      res.end(JSON.stringify({ servedBy: 'task-b' }));
    });
    try {
      const summary = await runLoad(
        { urlPrefix: `${url}/x/`, ratePerSecond: 300, maxMs: 10_000, maxRequests: 30 },
        quiet,
      ).done;
      const failed = summary.modes.fresh.failed + summary.modes.keepalive.failed;
      const errors = { ...summary.modes.fresh.errors, ...summary.modes.keepalive.errors };
      expect(failed).toBeGreaterThanOrEqual(15);
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(['HTTP 503']));
      expect(Object.keys(errors).some((e) => /ECONNRESET|socket hang up/.test(e))).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }

    const refused = await runLoad({ urlPrefix: `${url}/x/`, ratePerSecond: 200, maxMs: 10_000, maxRequests: 4 }, quiet)
      .done;
    expect(refused.modes.fresh).toMatchObject({ sent: 2, ok: 0, failed: 2, errors: { ECONNREFUSED: 2 } });
    // The failures name where they went: here the address the name resolved to.
    expect(refused.modes.fresh.failedTo).toEqual({ '127.0.0.1': 2 });
  });

  it('stops early when told to, and waits for what is in flight', async () => {
    const { url, server } = await serve((_req, res) => {
      setTimeout(() => res.end('{"servedBy":"slow"}'), 100);
    });
    try {
      const load = runLoad({ urlPrefix: `${url}/`, ratePerSecond: 100, maxMs: 60_000, maxRequests: 100_000 }, quiet);
      setTimeout(() => load.stop(), 300);
      const summary = await load.done;
      const { fresh, keepalive } = summary.modes;
      expect(fresh.sent + keepalive.sent).toBeLessThan(60);
      expect(fresh.ok + keepalive.ok).toBe(fresh.sent + keepalive.sent);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
