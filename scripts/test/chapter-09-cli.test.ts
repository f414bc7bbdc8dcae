import { runCli } from './helpers/run-cli';

// The chapter 9 commands of the workshop CLI that differ from chapter 8's, run as a user runs them.
jest.setTimeout(180_000);

describe('chapter 9 on the command line', () => {
  it('builds the :ch09 images the test fixture starts, authserver and edge included (--dry-run)', async () => {
    const { code, out } = await runCli(['swarm', 'build', '9', '--dry-run']);
    for (const [service, port] of [
      ['authserver', 9999],
      ['edge', 8765],
      ['accountservice', 6767],
      ['quotes-service', 8080],
    ] as const) {
      expect(out).toContain(
        `$ docker build --build-arg SERVICE=${service} --build-arg PORT=${port} -t lean-and-mean/${service}:ch09 solutions/09-testing`,
      );
    }
    expect(code).toBe(0);
  });

  it("makes the stack's secrets files into the chapter's own secrets/ (--dry-run)", async () => {
    const { code, out } = await runCli(['swarm', 'secrets', '9', '--dry-run']);
    expect(out).toMatch(/stack-secrets\.ts \S*solutions\/09-testing\/secrets/);
    expect(code).toBe(0);
  });

  it('has the footprint point at the load bench through the edge, which sends a token', async () => {
    const { code, out } = await runCli(['footprint', '9']);
    expect(out).toMatch(/does not measure chapter 9: .*token.*load-accountservice\.ts/s);
    expect(code).toBe(1);
  });
});
