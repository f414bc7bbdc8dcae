import fs from 'node:fs';
import { runCli } from './helpers/run-cli';

// Chapter 6's demo, run unattended the way rehearsals run it, against the real RabbitMQ (its own
// queue and exchanges, deleted afterwards): traces read back from zipkin, logs found by trace id,
// zipkin stopped and started again.
jest.setTimeout(240_000);

describe('chapter 6 on the command line', () => {
  it('runs the demo with --auto: a trace waterfall, a slow quote found, its logs by trace id, the trace store down and back', async () => {
    const { code, out } = await runCli(['demo', '6', '--auto']);
    const copy = /private copy of config-repo: (\S+)/.exec(out)?.[1];
    expect(copy).toBeDefined();

    // One read as a trace across the three services: accountservice's SERVER span on top, the store span, the
    // quote call (CLIENT → quotes-service SERVER → CPU burn) and the VIP message consumed in vipservice.
    expect(out).toMatch(/accountservice {2}get \/accounts\/:accountid {2}server/);
    expect(out).toMatch(/accountservice +[├└]─ accounts\.find/);
    expect(out).toMatch(/quotes-service +[│ ]*└─ quote\.burn-cpu {2}quote\.strength=4/);
    expect(out).toMatch(/vipservice +[│ ]*└─ \S+ process {2}consumer/);
    expect(out).toMatch(
      /✔ trace [0-9a-f]{32}: \d+ spans from (?=.*accountservice)(?=.*quotes-service)(?=.*vipservice)/,
    );
    expect(out).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/zipkin\/#[0-9a-f]{32}/);

    // quotes.strength raised over the bus: the next trace's CPU burn says so.
    expect(out).toContain('accountservice: quotes.strength changed, no restart');
    expect(out).toMatch(/quotes-service +[│ ]*└─ quote\.burn-cpu {2}quote\.strength=10/);
    expect(out).toContain('quote.burn-cpu carries quote.strength=10');

    // The slow read's log lines, found in logtail by its trace id alone.
    const slow = /quote\.burn-cpu carries[^]*?logs\?traceId=([0-9a-f]{32})/.exec(out)?.[1];
    expect(out).toMatch(
      new RegExp(`✔ \\d+ line\\(s\\) of trace ${slow} from (?=.*accountservice)(?=.*quotes-service)`),
    );

    // The trace store down: every read answers 200, one warning; back on its port, a B3 trace arrives.
    expect(out).toContain('5 reads while the store is down: HTTP 200, 200, 200, 200, 200');
    expect(out).toMatch(/accountservice: tracing: cannot send spans to http:\/\/127\.0\.0\.1:\d+\/api\/v2\/spans/);
    expect(out).toMatch(/curl -s -H 'X-B3-TraceId: ([0-9a-f]{32})' [^\n]*\n[^]*?✔ trace \1: /);
    expect(Number(/accountservice dropped (\d+) span\(s\) while the store was down/.exec(out)?.[1])).toBeGreaterThan(0);

    expect(out).toContain(
      'exit codes: {"accountservice":0,"quotes-service":0,"vipservice":0,"configserver":0,"logtail":0,"zipkin":0}',
    );
    expect(out).toContain('the restarted zipkin exited with code 0');
    expect(out).toMatch(/deleted this run's queues demo-ch06-\S+\.vip_queue/);
    expect(fs.existsSync(copy as string)).toBe(false);
    expect(code).toBe(0);
  });
});
