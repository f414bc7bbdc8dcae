import { hasCommand } from '../lib/docker';
import { runCli } from './helpers/run-cli';

// Chapter 7's demo, run unattended the way rehearsals run it, against the real RabbitMQ (its own
// exchanges and queue, deleted afterwards): quotes-service stopped and started again under traffic,
// then imageservice slowed past the bulkhead. The real Prometheus takes part when it is installed.
jest.setTimeout(240_000);

const prometheusInstalled = hasCommand('prometheus');

describe('chapter 7 on the command line', () => {
  it('runs the demo with --auto: fallbacks while quotes-service is down, open → half-open → closed, the bulkhead rejects', async () => {
    const { code, out } = await runCli(['demo', '7', '--auto']);

    // Down: while reads keep coming, the breaker opens, and every read still answers 200 with goblog's fallback quote.
    expect(out).toMatch(/quotes-service breaker: open after \d+ failed calls/);
    // While open, reads are short-circuited: no request leaves accountservice.
    const shortCircuited = /short-circuited by the open breaker so far: (\d+) reads/.exec(out);
    expect(Number(shortCircuited?.[1])).toBeGreaterThan(0);
    const down =
      /(\d+) account reads while quotes-service was down: (\d+) × HTTP 200, (\d+) with the fallback quote/.exec(out);
    expect(down).not.toBeNull();
    const [, reads, ok, fallbacks] = (down as RegExpExecArray).map(Number);
    expect(reads).toBeGreaterThan(0);
    expect(ok).toBe(reads);
    expect(fallbacks).toBe(reads);
    expect(out).toMatch(/breakerstream: accountservice's quotes-service breaker open \(it knows [^)]*accountservice/);
    if (prometheusInstalled) {
      expect(out).toContain(
        'Prometheus: circuit_breaker_state{service="accountservice",breaker="quotes-service",state="open"} = 1',
      );
    } else {
      expect(out).toContain('Prometheus query skipped: Prometheus is not installed.');
    }

    // Back: half-open after the reset timeout, a real quote on the trial call, closed.
    expect(out).toContain('after the reset timeout: quotes-service half-open');
    expect(out).toMatch(/trial call: HTTP 200, a real quote served by \S+/);
    expect(out).toContain('quotes-service breaker: closed');
    expect(out).toContain("breakerstream: accountservice's quotes-service breaker closed");

    // Bulkhead: of 3 × capacity reads at once, capacity get the slow real image, the rest the placeholder at once.
    const bulk =
      /(\d+) reads at once, capacity (\d+): (\d+) × HTTP 200, (\d+) placeholder images, (\d+) real images/.exec(out);
    expect(bulk).not.toBeNull();
    const [, all, capacity, answered, placeholders, real] = (bulk as RegExpExecArray).map(Number);
    expect(answered).toBe(all);
    expect(real).toBe(capacity);
    expect(placeholders).toBe(all - capacity);
    expect(out).toContain(
      `rejected by the bulkhead: ${all - capacity} (circuit_breaker_events_total{breaker="imageservice"`,
    );
    expect(out).toContain('every placeholder answered before the first real image');

    expect(out).toMatch(/exit codes: \{[^}]*"accountservice":0[^}]*\}/);
    const exitCodes = JSON.parse(/exit codes: (\{[^}]*\})/.exec(out)?.[1] ?? '{}') as Record<string, number>;
    expect(Object.values(exitCodes).every((c) => c === 0)).toBe(true);
    expect(Object.keys(exitCodes)).toEqual(expect.arrayContaining(['quotes-service', 'imageservice', 'breakerstream']));
    expect(out).toMatch(/deleted this run's queues demo-ch07-\S+\.vip_queue/);
    expect(code).toBe(0);
  });

  it('says how to get a broker, and starts nothing, when RabbitMQ does not answer', async () => {
    const { code, out } = await runCli(['demo', '7', '--auto'], { AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' });
    expect(out).toContain('Step 1 failed: RabbitMQ is not reachable at 127.0.0.1:1.');
    expect(out).toContain('apt-get install -y rabbitmq-server');
    expect(out).not.toContain('cleanup:');
    expect(out).not.toContain('[2/6]');
    expect(code).not.toBe(0);
  });
});
