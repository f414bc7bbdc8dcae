import { runCli } from './helpers/run-cli';

// The chapter 2 commands of the workshop CLI, run as a user runs them.
jest.setTimeout(180_000);

/** A DOCKER_HOST where no engine answers: what a laptop without Docker looks like to the CLI. */
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

describe('chapter 2 on the command line', () => {
  it('runs the demo from start to finish with --auto: footprint, then 1 → 3 replicas and the quotes rotate', async () => {
    const { code, out } = await runCli(['demo', '2', '--auto']);
    expect(out).toMatch(/bare node:http\s+\d+\s+[\d.]+/);
    expect(out).toMatch(/accountservice \(own code\)\s+\d+/);
    expect(out).toMatch(/accountservice \(own code\): started in \d+ ms from its compile cache, \d+ ms without it/);
    expect(out).toMatch(/1 distinct quotes-service instance\(s\)/);
    expect(out).toMatch(/3 distinct quotes-service instance\(s\) in all/);
    expect(out).toMatch(/exit codes: \{"accountservice":0,"quotes-service":0\}/);
    expect(code).toBe(0);
  });

  it('shows the docker commands of a build without running them (--dry-run)', async () => {
    const { code, out } = await runCli(['swarm', 'build', '2', '--dry-run', '--base-image', 'local/node-base:24']);
    expect(out).toContain(
      '$ docker build --build-arg SERVICE=accountservice --build-arg PORT=6767 --build-arg BASE_IMAGE=local/node-base:24 -t lean-and-mean/accountservice:ch02 solutions/02-swarm',
    );
    expect(out).toContain('-t lean-and-mean/quotes-service:ch02 solutions/02-swarm');
    expect(code).toBe(0);
  });

  it('says clearly when no Docker engine answers, and what it would have run', async () => {
    const { code, out } = await runCli(['swarm', 'deploy', '2'], NO_ENGINE);
    expect(out).toMatch(/No Docker engine answers here|docker CLI is not installed/);
    expect(out).toMatch(/docker stack deploy --resolve-image never -c \S+\/solutions\/02-swarm\/stack\.yml ch02/);
    expect(code).toBe(1);
  });

  it('scales a service of the stack by its stack-qualified name', async () => {
    const { code, out } = await runCli(['swarm', 'scale', '2', 'quotes-service=3', '--dry-run']);
    expect(out).toContain('$ docker service scale ch02_quotes-service=3');
    expect(code).toBe(0);
  });

  it.each([
    [['swarm', 'scale', '2', 'nosuch=3'], /no service "nosuch"/],
    [['swarm', 'scale', '2', 'quotes-service'], /SERVICE=REPLICAS/],
    [['swarm', 'launch', '2'], /swarm build N/],
    [['chapter', '2', '--replicas', 'nosuch=2'], /has no service "nosuch"/],
    [['chapter', '2', '--replicas', 'quotes-service=99'], /choose 1 to 8 replicas/],
  ])('answers %j with one clear line', async (args, message) => {
    const { code, out } = await runCli(args);
    expect(out).toMatch(message);
    expect(out).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });
});
