import net from 'node:net';
import { LOCAL_HOST, freePort, isPortFree } from '../lib/ports';

// Ports picked for landscapes started on free ports: outside the kernel's ephemeral range (where
// outgoing connections take theirs), never the same twice in a row, never one that is taken.
describe('freePort', () => {
  it('hands out free ports below the ephemeral range, a different one each time', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 50; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(50);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
      await expect(isPortFree(port)).resolves.toBe(true);
    }
  });

  it('skips a port a server holds', async () => {
    const held: net.Server[] = [];
    try {
      // Hold the next few ports of this worker's turn: the pick must step over them.
      const next = await freePort();
      for (let port = next + 1; port < next + 4; port++) {
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(port, LOCAL_HOST, resolve));
        held.push(server);
      }
      const picked = await freePort();
      expect(held.map((s) => (s.address() as net.AddressInfo).port)).not.toContain(picked);
      await expect(isPortFree(picked)).resolves.toBe(true);
    } finally {
      await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
    }
  });
});
