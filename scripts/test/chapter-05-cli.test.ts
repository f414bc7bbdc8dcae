import fs from 'node:fs';
import { runCli } from './helpers/run-cli';

// Chapter 5's demo, run unattended the way rehearsals run it, against the real RabbitMQ (its own
// queue and exchanges, deleted afterwards) and a stand-in log sink the demo takes down and back up.
jest.setTimeout(180_000);

describe('chapter 5 on the command line', () => {
  it('runs the demo with --auto: one request across services, a level raised live, the sink queue drained', async () => {
    const { code, out } = await runCli(['demo', '5', '--auto']);
    const copy = /private copy of config-repo: (\S+)/.exec(out)?.[1];
    expect(copy).toBeDefined();

    // logs:5 --req: the request's lines from all three services, oldest first.
    expect(out).toMatch(/✔ \d+ line\(s\) from (?=.*accountservice)(?=.*quotes-service)(?=.*vipservice)/);
    expect(out).toMatch(/request demo-\w+ seen by accountservice, quotes-service and vipservice/);
    expect(out).toMatch(/accountservice +info +request completed: GET \/accounts\/10000 → 200/);

    expect(out).toMatch(/accountservice: logging: levels changed: root info → debug/);
    expect(out).toMatch(/[1-9]\d* debug line\(s\) for debug-\w+, same process \(pid \d+\)/);

    const queued = Number(/logtail \/stats: (\d+) line\(s\) queued, 0 dropped/.exec(out)?.[1]);
    expect(queued).toBeGreaterThan(0);
    const delivered = Number(/queue drained: (\d+) line\(s\) delivered, 0 queued, 0 dropped/.exec(out)?.[1]);
    expect(delivered).toBeGreaterThanOrEqual(queued);

    expect(out).toContain(
      'exit codes: {"accountservice":0,"quotes-service":0,"vipservice":0,"configserver":0,"logtail":0}',
    );
    expect(out).toMatch(/deleted this run's queues demo-ch05-\S+\.vip_queue/);
    expect(fs.existsSync(copy as string)).toBe(false);
    expect(code).toBe(0);
  });
});
