import net from 'node:net';

/** Where local mode binds every service (HOST): loopback only, a laptop at a conference is on a shared network. */
export const LOCAL_HOST = '127.0.0.1';

/**
 * The ports freePort hands out lie below the kernel's ephemeral range (Linux: 32768 and up), where
 * outgoing connections take their local ports: a port picked now is still free when a service binds
 * it seconds later, however many connections the machine opens meanwhile. The pool is cut into
 * slices, one per jest worker (JEST_WORKER_ID; 0 outside jest), each handed out in turn from a
 * random start, so two workers starting landscapes side by side never pick the same port.
 */
const POOL = { first: 20_000, size: 12_000, slices: 8 };
const SLICE_SIZE = POOL.size / POOL.slices;
const slice = Number(process.env.JEST_WORKER_ID ?? 0) % POOL.slices;
let turn = Math.floor(Math.random() * SLICE_SIZE);

/** A port no service holds right now (for tests and runs that must not collide with a running chapter). */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < SLICE_SIZE; tries++) {
    const port = POOL.first + slice * SLICE_SIZE + (turn++ % SLICE_SIZE);
    if (await isPortFree(port)) return port;
  }
  return anyFreePort();
}

/** Whatever port the OS picks now (the whole slice is taken: never in practice). */
function anyFreePort(): Promise<number> {
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
