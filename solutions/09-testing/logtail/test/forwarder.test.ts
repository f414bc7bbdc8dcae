import { pollUntil } from '@workshop/testkit';
import { Forwarder, type ForwarderOptions } from '../src/forwarder/forwarder';
import { nanoseconds, toLokiPush } from '../src/forwarder/loki-push';
import type { LogLine } from '../src/log-line';
import { LokiSink } from './loki-sink';

jest.setTimeout(30_000);

function line(n: number, service = 'accountservice'): LogLine {
  return { time: 1_700_000_000_000 + n, service, level: 'info', msg: `line ${n}`, reqId: `r-${n}`, fields: {} };
}

const sinks: LokiSink[] = [];
async function sinkDown(): Promise<LokiSink> {
  const sink = await LokiSink.down();
  sinks.push(sink);
  return sink;
}
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
});

function forwarder(url: string, overrides: Partial<ForwarderOptions> = {}) {
  const warnings: string[] = [];
  const options: ForwarderOptions = {
    url,
    batchSize: 10,
    intervalMs: 20,
    queueLimit: 1000,
    timeoutMs: 1000,
    backoff: { initialMs: 20, maxMs: 100 },
    log: { info: () => undefined, warn: (message) => warnings.push(message) },
    ...overrides,
  };
  return { forwarder: new Forwarder(options), warnings };
}

describe('the Loki push shape', () => {
  it('groups lines by service and level, with nanosecond times as strings', () => {
    const push = toLokiPush([line(1), line(2, 'vipservice'), { ...line(3), level: 'warn' }, line(4)]);
    expect(push.streams.map((s) => s.stream)).toEqual([
      { service: 'accountservice', level: 'info' },
      { service: 'vipservice', level: 'info' },
      { service: 'accountservice', level: 'warn' },
    ]);
    expect(push.streams[0].values.map(([time]) => time)).toEqual(['1700000000001000000', '1700000000004000000']);
    expect(JSON.parse(push.streams[0].values[0][1])).toMatchObject({ msg: 'line 1', reqId: 'r-1' });
    expect(nanoseconds(1)).toBe('1000000');
  });
});

describe('the forwarder', () => {
  it('[forwarder-queue] queues while the sink is down and delivers every line once it is up', async () => {
    const sink = await sinkDown();
    const { forwarder: fw, warnings } = forwarder(sink.url);
    for (let n = 0; n < 35; n += 1) expect(fw.enqueue(line(n))).toBe(true);
    await pollUntil('the forwarder to notice the sink is down', () => (warnings.length > 0 ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 10,
    });
    expect(warnings[0]).toMatch(/sink unreachable \(ECONNREFUSED\)/);
    expect(fw.stats()).toEqual({ forwarded: 0, queued: 35, dropped: 0 });
    await sink.up();
    await pollUntil('every line delivered', () => (fw.stats().forwarded === 35 ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 10,
    });
    expect(fw.stats()).toEqual({ forwarded: 35, queued: 0, dropped: 0 });
    expect(sink.lines().map((l) => l.msg)).toEqual(Array.from({ length: 35 }, (_, n) => `line ${n}`));
    expect(Math.max(...sink.pushes.map((p) => p.streams[0].values.length))).toBeLessThanOrEqual(10);
  });

  it('[forwarder-queue] counts the lines it drops when the queue is full, and warns once', async () => {
    const sink = await sinkDown();
    const { forwarder: fw, warnings } = forwarder(sink.url, { queueLimit: 10 });
    const accepted = Array.from({ length: 25 }, (_, n) => fw.enqueue(line(n)));
    expect(accepted.filter(Boolean)).toHaveLength(10);
    expect(fw.stats()).toEqual({ forwarded: 0, queued: 10, dropped: 15 });
    expect(warnings.filter((w) => w.includes('queue full'))).toHaveLength(1);
    await sink.up();
    await pollUntil('the queue drained', () => (fw.stats().queued === 0 ? true : undefined), { timeoutMs: 15_000 });
    expect(fw.stats()).toEqual({ forwarded: 10, queued: 0, dropped: 15 });
    expect(sink.lines().map((l) => l.msg)).toEqual(Array.from({ length: 10 }, (_, n) => `line ${n}`));
  });

  it('[forwarder-queue] sends a partial batch after the interval', async () => {
    const sink = await sinkDown();
    await sink.up();
    const { forwarder: fw } = forwarder(sink.url, { batchSize: 100, intervalMs: 50 });
    fw.enqueue(line(1));
    fw.enqueue(line(2));
    await pollUntil('the partial batch', () => (sink.pushes.length > 0 ? true : undefined), { timeoutMs: 15_000 });
    expect(sink.lines()).toHaveLength(2);
  });

  it('[forwarder-queue] drops a batch the sink refuses for good (400), counted, and goes on', async () => {
    const sink = await sinkDown();
    await sink.up();
    sink.status = 400;
    const { forwarder: fw, warnings } = forwarder(sink.url, { batchSize: 5 });
    for (let n = 0; n < 5; n += 1) fw.enqueue(line(n));
    await pollUntil('the refusal', () => (fw.stats().dropped === 5 ? true : undefined), { timeoutMs: 15_000 });
    expect(warnings.join('\n')).toMatch(/refused a batch of 5 lines \(sink answered 400\)/);
    sink.status = 204;
    fw.enqueue(line(9));
    await pollUntil('the next line', () => (fw.stats().forwarded === 1 ? true : undefined), { timeoutMs: 15_000 });
  });

  it('[forwarder-queue] flushes what is queued at shutdown, and counts what it could not deliver by the deadline', async () => {
    const sink = await sinkDown();
    const { forwarder: down, warnings } = forwarder(sink.url, { intervalMs: 60_000 });
    for (let n = 0; n < 3; n += 1) down.enqueue(line(n));
    expect(await down.flush(150)).toEqual({ forwarded: 0, queued: 0, dropped: 3 });
    expect(warnings.join('\n')).toMatch(/3 lines lost/);
    expect(down.enqueue(line(4))).toBe(false);

    await sink.up();
    const { forwarder: up } = forwarder(sink.url, { intervalMs: 60_000, batchSize: 2 });
    for (let n = 0; n < 5; n += 1) up.enqueue(line(n));
    expect(await up.flush(10_000)).toEqual({ forwarded: 5, queued: 0, dropped: 0 });
    expect(sink.lines()).toHaveLength(5);
  });
});
