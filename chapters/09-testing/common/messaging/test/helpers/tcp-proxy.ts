import net from 'node:net';
import { AMQP_URL } from './broker';

export interface TcpProxy {
  /** An AMQP URL that goes through the proxy. */
  url: string;
  /** Destroys every open connection (both sockets), as a broker that goes away does. */
  cutAll(): void;
  /** While off, new connections are refused: the broker is unreachable. */
  setAvailable(available: boolean): void;
  /** Connections through the proxy so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of the broker, so a test can take the broker away from one client
 * (cut its connections, refuse new ones) without touching anyone else's connections.
 */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5672);
  const pairs = new Set<[net.Socket, net.Socket]>();
  let available = true;
  let accepted = 0;
  const server = net.createServer((client) => {
    if (!available) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = net.connect(targetPort, target.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxied = new URL(targetUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  const cutAll = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: proxied.toString(),
    cutAll,
    setAvailable: (value) => (available = value),
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}

/** A fresh proxy in front of the test broker for each test of the file, closed after it. */
export function proxyPerTest(): () => TcpProxy {
  let proxy: TcpProxy | undefined;
  beforeEach(async () => {
    proxy = await startTcpProxy(AMQP_URL);
  });
  afterEach(() => proxy?.close());
  return () => proxy as TcpProxy;
}
