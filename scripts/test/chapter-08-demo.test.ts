import { runCli } from './helpers/run-cli';

// Chapter 8's demo, run unattended the way rehearsals run it, against the real RabbitMQ (its own
// exchanges and queue, deleted afterwards): no token, a token, through the edge, a key rotated live.
jest.setTimeout(240_000);

describe('chapter 8 on the command line', () => {
  it('runs the demo with --auto: 401 without a token, 200 through the edge with one, a key rotated with no restart', async () => {
    const { code, out } = await runCli(['demo', '8', '--auto']);

    expect(out).toContain('the edge: 401 without a token');
    expect(out).toContain('accountservice itself: 401 without a token (defence in depth)');
    expect(out).toMatch(/token: kid \S+, scope accounts:read, expires in 300 s/);
    expect(out).toMatch(/through the edge: HTTP 200, account 10000 \(Person_0\)/);
    const rotated = /keys published: (\S+) → (\S+), (\S+) \(signing: (\S+)\)/.exec(out);
    expect(rotated).not.toBeNull();
    const [, before, newest, old, signing] = rotated as RegExpExecArray;
    expect(old).toBe(before);
    expect(signing).toBe(newest);
    expect(out).toContain(`new token signed with the new key ${signing}`);
    expect(out).toContain('new token through the edge: HTTP 200');
    expect(out).toContain(`old token (old key ${before}) still accepted until it expires: HTTP 200`);

    const exitCodes = JSON.parse(/exit codes: (\{[^}]*\})/.exec(out)?.[1] ?? '{}') as Record<string, number>;
    expect(Object.keys(exitCodes)).toEqual(expect.arrayContaining(['edge', 'authserver', 'accountservice']));
    expect(Object.values(exitCodes).every((c) => c === 0)).toBe(true);
    expect(out).toMatch(/deleted this run's queues demo-ch08-\S+\.vip_queue/);
    expect(code).toBe(0);
  });

  it('says how to get a broker, and starts nothing, when RabbitMQ does not answer', async () => {
    const { code, out } = await runCli(['demo', '8', '--auto'], { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' });
    expect(out).toContain('Step 1 failed: RabbitMQ is not reachable at 127.0.0.1:1.');
    expect(out).not.toContain('cleanup:');
    expect(out).not.toContain('[2/6]');
    expect(code).not.toBe(0);
  });
});
