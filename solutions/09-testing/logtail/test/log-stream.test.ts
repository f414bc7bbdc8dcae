import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { pollUntil } from '@workshop/testkit';
import { buildApp } from '../src/http/app';
import type { LogLine } from '../src/log-line';
import { LogStore } from '../src/log-store';

jest.setTimeout(30_000);

const line = (msg: string): LogLine => ({ time: Date.now(), service: 'a', level: 'info', msg, fields: {} });

let server: http.Server;
let store: LogStore;
let shutdown: AbortController;
beforeEach(async () => {
  store = new LogStore({ linesPerService: 10, maxServices: 10 });
  shutdown = new AbortController();
  server = http.createServer(buildApp({ store, stats: () => ({}), shutdown: shutdown.signal, heartbeatMs: 20 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(async () => {
  shutdown.abort();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A raw client: sends the request, then reads only if asked to. */
function rawStream(path: string, read: boolean): Promise<{ socket: net.Socket; received: () => string }> {
  const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
  let text = '';
  socket.on('data', (data: Buffer) => (text += data.toString('utf8')));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  return pollUntil('subscribed', () => (text.includes(': subscribed') ? true : undefined), {
    timeoutMs: 15_000,
    intervalMs: 10,
  }).then(() => {
    if (!read) socket.pause();
    return { socket, received: () => text };
  });
}

describe('GET /logs/stream', () => {
  it('sends heartbeats and unsubscribes when the client goes away', async () => {
    const { socket, received } = await rawStream('/logs/stream', true);
    await pollUntil('a heartbeat', () => (received().includes(': heartbeat') ? true : undefined), {
      timeoutMs: 15_000,
    });
    expect(store.listenerCount).toBe(1);
    socket.destroy();
    await pollUntil('the unsubscribe', () => (store.listenerCount === 0 ? true : undefined), { timeoutMs: 15_000 });
  });

  it('cuts off a client that does not read, instead of buffering without bound', async () => {
    const { socket } = await rawStream('/logs/stream', false);
    const big = 'x'.repeat(10_000);
    for (let n = 0; n < 5000 && store.listenerCount > 0; n += 1) store.add(line(big));
    expect(store.listenerCount).toBe(0);
    socket.destroy();
  });
});
