import { runCli } from './helpers/run-cli';

// The chapter 7 commands of the workshop CLI, run as a user runs them (the demo has its own test).
jest.setTimeout(180_000);

/** A broker address where nothing listens. */
const NO_BROKER = { AMQP_URL: 'amqp://127.0.0.1:1' };

describe('chapter 7 on the command line', () => {
  it('builds an image per service, imageservice and breakerstream included (--dry-run)', async () => {
    const { code, out } = await runCli(['swarm', 'build', '7', '--dry-run']);
    for (const [service, port] of [
      ['imageservice', 7777],
      ['breakerstream', 7979],
      ['accountservice', 6767],
    ] as const) {
      expect(out).toContain(
        `$ docker build --build-arg SERVICE=${service} --build-arg PORT=${port} -t lean-and-mean/${service}:ch07 solutions/07-breakers`,
      );
    }
    expect(code).toBe(0);
  });

  it('has doctor say whether Prometheus is there for chapter 7, and how to get it', async () => {
    const { out } = await runCli(['doctor']);
    expect(out).toMatch(
      /Prometheus \(chapter 7, optional\): (prometheus on PATH|not installed\n\s+Chapter 7 starts a local Prometheus)/,
    );
  });

  it('without a broker says how to get one, with no stack trace', async () => {
    const { code, out } = await runCli(['chapter', '7'], NO_BROKER);
    expect(out).toContain('RabbitMQ is not reachable at 127.0.0.1:1.');
    expect(out).toContain('sudo apt-get install -y rabbitmq-server');
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });

  it.each([
    [['chapter', '7', '--replicas', 'nosuch=2'], /has no service "nosuch"/],
    [['chapter', '7', '--replicas', 'breakerstream'], /--replicas takes NAME=N/],
  ])('answers %j with one clear line', async (args, message) => {
    const { code, out } = await runCli(args);
    expect(out).toMatch(message);
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });
});
