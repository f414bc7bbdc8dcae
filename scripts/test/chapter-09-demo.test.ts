import { runCli } from './helpers/run-cli';

// Chapter 9's demo, run unattended the way rehearsals run it, against the real RabbitMQ (its own
// exchanges and queue, deleted afterwards): a contract kept and broken, a property against a planted
// bug, one request through the edge read back from logtail, Zipkin and the breakers, a short load run.
jest.setTimeout(420_000);

describe('chapter 9 on the command line', () => {
  it('runs the demo with --auto: pact verified then broken, a shrunk counterexample, one request in logs, trace and breakers', async () => {
    const { code, out } = await runCli(['demo', '9', '--auto']);

    expect(out).toContain('consumer test passed: the committed pact is the one it writes');
    expect(out).toContain('consumer accountservice → provider quotes-service, 1 interaction(s)');
    expect(out).toContain('quotes-service honours accountservice’s pact');
    expect(out).toContain('verification failed, as it must: missing the following keys: quote');
    expect(out).toMatch(/Counterexample: \[\[/);
    expect(out).toMatch(/the property caught the planted bug \(shrunk \d+ time\(s\)\)/);
    expect(out).toContain('and passes on the real merge: the test is accepted');

    expect(out).toMatch(/HTTP 200: account 10000 \(Person_0\), quote served by (?!circuit-breaker)\S+/);
    const logs = /logs: \d+ lines with request id (demo-ch09-[0-9a-f]+), from (.+)/.exec(out);
    expect(logs).not.toBeNull();
    for (const service of ['accountservice', 'quotes-service', 'vipservice']) expect(logs?.[2]).toContain(service);
    expect(out).toMatch(
      /trace [0-9a-f]{32}: \d+ spans; quotes-service under accountservice's call, vipservice under its publish/,
    );
    expect(out).toMatch(/breakers: (quotes-service, imageservice|imageservice, quotes-service) closed/);
    expect(out).toMatch(
      /\d+ reads through the edge while quotes-service was down: all HTTP 200, [1-9]\d* with the fallback quote/,
    );
    expect(out).toMatch(/breaker: quotes-service open/);
    expect(out).toMatch(/load through the edge: [1-9]\d* requests in 3 s, \d+ connections, \d+ errors/);

    const exitCodes = JSON.parse(/exit codes: (\{[^}]*\})/.exec(out)?.[1] ?? '{}') as Record<string, number>;
    expect(Object.keys(exitCodes)).toEqual(expect.arrayContaining(['edge', 'authserver', 'accountservice']));
    expect(Object.values(exitCodes).every((c) => c === 0)).toBe(true);
    expect(out).toMatch(/deleted this run's queues demo-ch09-\S+\.vip_queue/);
    expect(code).toBe(0);
  });

  it('says how to get a broker, and starts nothing, when RabbitMQ does not answer', async () => {
    const { code, out } = await runCli(['demo', '9', '--auto'], { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' });
    expect(out).toContain('Step 1 failed: RabbitMQ is not reachable at 127.0.0.1:1.');
    expect(out).not.toContain('cleanup:');
    expect(out).not.toContain('[2/9]');
    expect(code).not.toBe(0);
  });
});
