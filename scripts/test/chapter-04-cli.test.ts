import fs from 'node:fs';
import { runCli } from './helpers/run-cli';

// Chapter 4's demo, run unattended the way CI and rehearsals run it, against the real RabbitMQ
// (its own queue and exchanges, deleted afterwards); and what happens when no broker answers.
jest.setTimeout(180_000);

/** A broker address where nothing listens. */
const NO_BROKER = { AMQP_URL: 'amqp://127.0.0.1:1' };

describe('chapter 4 on the command line', () => {
  it('runs the demo with --auto: a VIP notification, competing consumers, a backlog kept and drained, a refresh over the bus', async () => {
    const { code, out } = await runCli(['demo', '4', '--auto']);
    const copy = /private copy of config-repo: (\S+)/.exec(out)?.[1];
    expect(copy).toBeDefined();
    for (const service of ['configserver', 'quotes-service', 'accountservice']) {
      expect(out).toMatch(new RegExp(`✔ ${service}: amqp \\S+: connected to`));
    }
    expect(out.match(/✔ vipservice: #[12] amqp \S+: connected to/g)).toHaveLength(2);

    expect(out).toMatch(/✔ vipservice: #[12] vipservice: VIP account 10000 was read/);
    expect(out).toContain('VIP seen: 10000 (10001 is not a VIP: no notification)');
    expect(out).toMatch(/10 notifications, each handled once, by 2 replicas \(\S+#1: \d+, \S+#2: \d+\)/);

    expect(out).toContain('vipservice: 0 replicas');
    expect(out).toMatch(/queue demo-ch04-\S+\.vip_queue: 5 message\(s\) ready, 0 consumer\(s\)/);
    expect(out).toMatch(/queue demo-ch04-\S+\.vip_queue: 0 message\(s\) ready, 1 consumer\(s\)/);
    expect(out).toContain('backlog drained: 5 received by the new replica, queue depth 0');

    expect(out).toContain('HTTP 204');
    expect(out).toContain('accountservice: bus: config refreshed: changed [accounts.vip-ids]');
    expect(out).toMatch(/10042 read \S+, received \S+ by /);
    expect(out).toMatch(/10042 seen: a VIP now, for the same accountservice process/);

    expect(out).toContain('exit codes: {"accountservice":0,"quotes-service":0,"vipservice":0,"configserver":0}');
    expect(out).toMatch(/deleted this run's queues demo-ch04-\S+\.vip_queue/);
    expect(fs.existsSync(copy as string)).toBe(false);
    expect(code).toBe(0);
  });

  it.each([[['chapter', '4']], [['demo', '4', '--auto']], [['verify', '4']]])(
    '%j without a broker says how to get one, with no stack trace',
    async (args) => {
      const { code, out } = await runCli(args, NO_BROKER);
      expect(out).toContain('RabbitMQ is not reachable at 127.0.0.1:1.');
      expect(out).toContain('sudo apt-get install -y rabbitmq-server');
      expect(out).toContain('docker compose up -d rabbitmq');
      expect(out).not.toMatch(/\n\s+at /);
      expect(out).not.toMatch(/private copy of config-repo: /);
      expect(out).not.toMatch(/Verifying/); // verify runs no test that could only fail
      expect(code).toBe(1);
    },
  );
});
