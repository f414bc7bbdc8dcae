import http from 'node:http';
import { buildApp } from '../src/app';
import { serve } from '../../common/http';
import { FakeStore } from './fake-store';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('graceful shutdown', () => {
  it('finishes the in-flight request, refuses new connections, then closes the store', async () => {
    const store = new FakeStore();
    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const closeStore = jest.spyOn(store, 'close');
    const running = await serve(buildApp({ store, servedBy: 'test', testability: false }), {
      host: '127.0.0.1',
      port: 0,
      onClosed: () => store.close(),
    });

    const inFlight = get(running.port, '/accounts/10000');
    await store.reached;
    const stopped = running.shutdown();

    await expect(get(running.port, '/health')).rejects.toThrow(/ECONNREFUSED/);
    expect(closeStore).not.toHaveBeenCalled();

    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).name).toBe('Person_0');
    await expect(stopped).resolves.toBe(0);
    expect(closeStore).toHaveBeenCalledTimes(1);
  });

  it('cuts connections that outlive the grace period and reports exit code 1', async () => {
    const store = new FakeStore();
    store.gate = new Promise(() => undefined); // a request that never finishes
    const running = await serve(buildApp({ store, servedBy: 'test', testability: false }), {
      host: '127.0.0.1',
      port: 0,
      onClosed: () => store.close(),
      graceMs: 100,
    });
    const hanging = get(running.port, '/accounts/10000');
    hanging.catch(() => undefined); // asserted below, after shutdown
    await store.reached;
    await expect(running.shutdown()).resolves.toBe(1);
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('with a drain, keeps an idle keep-alive connection usable until the client leaves (no reset race)', async () => {
    const store = new FakeStore();
    const running = await serve(buildApp({ store, servedBy: 'test', testability: false }), {
      host: '127.0.0.1',
      port: 0,
      onClosed: () => store.close(),
      drainMs: 5_000,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const viaAgent = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: running.port, path: '/health', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          })
          .on('error', reject);
      });
    expect((await viaAgent()).connection).toBe('keep-alive');
    const stopped = running.shutdown();
    // The pooled connection is still open: the next request on it is answered, and told to close.
    await expect(viaAgent()).resolves.toEqual({ status: 200, connection: 'close' });
    agent.destroy();
    await expect(stopped).resolves.toBe(0);
  });
});
