import net from 'node:net';

/** Where local mode binds every service (HOST): loopback only, a laptop at a conference is on a shared network. */
export const LOCAL_HOST = '127.0.0.1';

/** A port the OS says is free right now (for tests that must not collide with a running chapter). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOCAL_HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a local-mode service could bind `port` on LOCAL_HOST now (a port taken on 0.0.0.0 counts as taken). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, LOCAL_HOST, () => server.close(() => resolve(true)));
  });
}
