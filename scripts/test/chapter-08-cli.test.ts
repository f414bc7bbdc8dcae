import net from 'node:net';
import { runCli } from './helpers/run-cli';

// The chapter 8 commands of the workshop CLI, run as a user runs them (the demo has its own test).
jest.setTimeout(180_000);

/** A broker address where nothing listens. */
const NO_BROKER = { AMQP_URL: 'amqp://127.0.0.1:1' };

describe('chapter 8 on the command line', () => {
  it('builds an image for authserver and edge too (--dry-run)', async () => {
    const { code, out } = await runCli(['swarm', 'build', '8', '--dry-run']);
    for (const [service, port] of [
      ['authserver', 9999],
      ['edge', 8765],
      ['accountservice', 6767],
    ] as const) {
      expect(out).toContain(
        `$ docker build --build-arg SERVICE=${service} --build-arg PORT=${port} -t lean-and-mean/${service}:ch08 solutions/08-security`,
      );
    }
    expect(code).toBe(0);
  });

  it("says how it makes the stack's secrets files, and chapter 7 says it needs none (--dry-run)", async () => {
    const made = await runCli(['swarm', 'secrets', '8', '--dry-run']);
    expect(made.out).toMatch(/stack-secrets\.ts \S*solutions\/08-security\/secrets/);
    expect(made.code).toBe(0);
    const none = await runCli(['swarm', 'secrets', '7']);
    expect(none.out).toContain("Chapter 7's stack needs no secrets files.");
    expect(none.code).toBe(1);
  });

  it("has doctor name the edge's plain-HTTP port when something holds it", async () => {
    // Hold 8764 (if another program already does, doctor must name it all the same).
    const holder = net.createServer();
    await new Promise<void>((resolve) => {
      holder.once('error', () => resolve());
      holder.listen(8764, '127.0.0.1', () => resolve());
    });
    try {
      const { out } = await runCli(['doctor']);
      expect(out).toMatch(/in use: [^\n]*8764 \(edge\)/);
      expect(out).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('without a broker says how to get one, with no stack trace', async () => {
    const { code, out } = await runCli(['chapter', '8'], NO_BROKER);
    expect(out).toContain('RabbitMQ is not reachable at 127.0.0.1:1.');
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });
});
