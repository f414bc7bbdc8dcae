import fs from 'node:fs';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import amqp from 'amqplib';
import { pollUntil } from '../lib/poll';
import { REPO_ROOT } from '../lib/paths';
import { runCli } from './helpers/run-cli';

// Chapter 6 on the command line, as a learner runs it: `npm run chapter:6` (the documented ports,
// the real RabbitMQ; its own VIP queue and bus exchange, deleted afterwards), a request, its story
// with `npm run logs:6 -- --req`, its trace in Zipkin, then Ctrl-C.
jest.setTimeout(180_000);

const RUN = `cli-ch06-${process.pid}`;
const NAMES = { VIP_EXCHANGE: `${RUN}.vip`, VIP_QUEUE: `${RUN}.vip_queue`, SPRING_CLOUD_BUS_DESTINATION: `${RUN}.bus` };
const NO_BROKER = { AMQP_URL: 'amqp://127.0.0.1:1' };

describe('chapter 6 on the command line', () => {
  let chapter: ChildProcess | undefined;
  const out: string[] = [];

  afterAll(async () => {
    if (chapter && chapter.exitCode === null) {
      const exited = once(chapter, 'exit');
      chapter.kill('SIGINT');
      await exited;
    }
    const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://127.0.0.1:5672');
    const channel = await connection.createChannel();
    for (const queue of [NAMES.VIP_QUEUE, `${NAMES.VIP_QUEUE}.dlq`]) await channel.deleteQueue(queue);
    for (const exchange of [NAMES.VIP_EXCHANGE, `${NAMES.VIP_EXCHANGE}.dlx`, NAMES.SPRING_CLOUD_BUS_DESTINATION])
      await channel.deleteExchange(exchange);
    await connection.close();
  });

  it('without a broker says how to get one, with no stack trace', async () => {
    const { code, out: text } = await runCli(['chapter', '6'], NO_BROKER);
    expect(text).toContain('RabbitMQ is not reachable at 127.0.0.1:1.');
    expect(text).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });

  it("starts Zipkin first and the traced services after it; logs:6 tells a request's story and links its trace; Ctrl-C stops all with exit 0", async () => {
    // A retry starts afresh: the previous attempt's landscape stopped, its lines forgotten.
    if (chapter && chapter.exitCode === null) {
      const stopped = once(chapter, 'close');
      chapter.kill('SIGINT');
      await stopped;
    }
    out.length = 0;
    chapter = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'chapter', '6'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...NAMES, TRACING_EXPORT_DELAY_MS: '100' },
    });
    for (const stream of [chapter.stdout, chapter.stderr]) {
      readline.createInterface({ input: stream as NodeJS.ReadableStream }).on('line', (line) => out.push(line));
    }
    // 'close', not 'exit': the process can exit before its last lines (the exit codes) are read.
    const exited = once(chapter, 'close');
    const healthLine = /^\s+([a-z-]+)\s+http:\/\/127\.0\.0\.1:\d+\/health$/;
    await pollUntil(
      () => `chapter 6 to be healthy:\n${out.slice(-20).join('\n')}`,
      () => {
        if (chapter?.exitCode !== null) throw new Error(`chapter 6 exited ${chapter?.exitCode}:\n${out.join('\n')}`);
        // The list of healthy services follows that line: wait for its last entry too.
        const listed = out.slice(out.findIndex((l) => l.includes('All 6 service(s) healthy.')) + 1);
        return out.some((l) => l.includes('All 6 service(s) healthy.')) &&
          listed.some((l) => healthLine.exec(l)?.[1] === 'accountservice')
          ? true
          : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
    // Started one after another, each healthy before the next: the list is the start order.
    const healthy = out.slice(out.findIndex((l) => l.includes('service(s) healthy.')) + 1);
    const order = healthy.flatMap((l) => healthLine.exec(l)?.[1] ?? []);
    expect(order).toEqual(['zipkin', 'logtail', 'configserver', 'vipservice', 'quotes-service', 'accountservice']);
    for (const name of ['accountservice', 'quotes-service', 'vipservice']) {
      expect(out.join('\n')).toContain(`tracing ${name}: zipkin → http://127.0.0.1:9411/api/v2/spans, sampling 1`);
    }
    expect(out.join('\n')).toContain('curl -s http://127.0.0.1:9411/zipkin/');

    const res = await fetch('http://127.0.0.1:6767/accounts/10000', { headers: { 'X-Request-ID': RUN } });
    expect(res.status).toBe(200);
    const logs = await pollUntil(
      'logs:6 to show the request in all three services',
      async () => {
        const run = await runCli(['logs', '6', '--req', RUN]);
        return /line\(s\) from (?=.*accountservice)(?=.*quotes-service)(?=.*vipservice)/.test(run.out)
          ? run
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const traceId = /trace: http:\/\/127\.0\.0\.1:9411\/zipkin\/#([0-9a-f]{32})/.exec(logs.out)?.[1];
    expect(traceId).toBeDefined();
    const spans = await pollUntil(
      `Zipkin to hold trace ${traceId}`,
      async () => {
        const answer = await fetch(`http://127.0.0.1:9411/api/v2/trace/${traceId}`);
        const found = answer.ok ? ((await answer.json()) as { localEndpoint?: { serviceName?: string } }[]) : [];
        const services = new Set(found.map((s) => s.localEndpoint?.serviceName));
        return ['accountservice', 'quotes-service', 'vipservice'].every((s) => services.has(s)) ? found : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(spans.length).toBeGreaterThanOrEqual(5);

    chapter.kill('SIGINT');
    await exited;
    for (const name of ['accountservice', 'quotes-service', 'vipservice', 'configserver', 'logtail', 'zipkin']) {
      expect(out).toContain(`✔ ${name} exited with code 0`);
    }
  });

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
  }, 240_000);
});
