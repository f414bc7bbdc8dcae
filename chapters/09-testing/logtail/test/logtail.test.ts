import { randomBytes } from 'node:crypto';
import { pollUntil } from '@workshop/testkit';
import type { RunningLogtail } from '../src/logtail';
import { chunk, chunked, gelfJson, gzipped, pinoLine, sendUdp, zlibbed } from './gelf-datagrams';
import { getJson, startTestLogtail } from './start-logtail';

jest.setTimeout(30_000);

let logtail: RunningLogtail & { url: string };
beforeEach(async () => {
  logtail = await startTestLogtail({ GELF_MAX_MESSAGE_BYTES: '8192' });
});
afterEach(() => logtail.stop());

const received = (count: number) => () => (logtail.stats().received >= count ? true : undefined);
// Generous: the wait ends as soon as the condition holds, and a loaded machine is slow.
const WAIT = { timeoutMs: 15_000, intervalMs: 20 };

describe('logtail over real UDP', () => {
  it('[gelf-chunks] [gelf-lift] takes plain, gzip, zlib and chunked GELF and answers GET /logs with the lifted lines', async () => {
    const line = (msg: string) => gelfJson(pinoLine({ service: 'accountservice', msg }));
    const parts = chunked(gzipped(gelfJson(pinoLine({ msg: 'chunked', pad: randomBytes(1500).toString('hex') }))), 800);
    expect(parts.length).toBeGreaterThan(1);
    await sendUdp(logtail.udpPort, [line('plain'), gzipped(line('gzip')), zlibbed(line('zlib')), ...parts]);
    await pollUntil(
      () => `4 parsed messages: ${JSON.stringify(logtail.stats())}`,
      () => (logtail.stats().parsed === 4 ? true : undefined),
      WAIT,
    );
    const { status, body } = await getJson(`${logtail.url}/logs?service=accountservice`);
    expect(status).toBe(200);
    expect(body.count).toBe(4);
    expect((body.lines as { msg: string }[]).map((l) => l.msg).sort()).toEqual(['chunked', 'gzip', 'plain', 'zlib']);
  });

  it('[gelf-lift] counts and skips a corpus of bad datagrams, and keeps serving', async () => {
    const corpus = [
      randomBytes(300),
      randomBytes(1),
      gzipped(gelfJson(pinoLine({}))).subarray(0, 25),
      chunk(5, 5, Buffer.from('{}')),
      chunk(0, 200, Buffer.from('{}')),
      Buffer.alloc(9000, 0x7b),
      Buffer.from('{"short_message": 42}'),
      Buffer.from('[]'),
    ];
    await sendUdp(logtail.udpPort, [...corpus, gelfJson(pinoLine({ service: 'survivor' }))]);
    await pollUntil('every datagram', received(corpus.length + 1), WAIT);
    expect(logtail.stats()).toMatchObject({ received: 9, parsed: 1, malformed: 6, truncated: 1, oversized: 1 });
    const { body } = await getJson(`${logtail.url}/stats`);
    expect(body).toMatchObject({ received: 9, parsed: 1, malformed: 6, truncated: 1, oversized: 1, dropped: 0 });
    expect((await getJson(`${logtail.url}/health`)).body).toEqual({ status: 'UP', services: ['survivor'] });
  });

  it('[gelf-lift] filters by service, lowest level, request id, since and limit', async () => {
    const at = (n: number) => 1_700_000_000_000 + n * 1000;
    const lines = [
      pinoLine({ service: 'accountservice', level: 30, time: at(1), reqId: 't-123', msg: 'a1' }),
      pinoLine({ service: 'quotes-service', level: 30, time: at(2), reqId: 't-123', msg: 'q1' }),
      pinoLine({ service: 'vipservice', level: 40, time: at(3), reqId: 't-123', msg: 'v1' }),
      pinoLine({ service: 'accountservice', level: 50, time: at(4), reqId: 'other', msg: 'a2' }),
      pinoLine({ service: 'accountservice', level: 20, time: at(5), msg: 'a3' }),
    ];
    await sendUdp(
      logtail.udpPort,
      lines.map((l) => gelfJson(l)),
    );
    await pollUntil('5 lines', () => (logtail.stats().parsed === 5 ? true : undefined), WAIT);
    const msgs = async (query: string) =>
      ((await getJson(`${logtail.url}/logs?${query}`)).body.lines as { msg: string }[]).map((l) => l.msg);
    expect(await msgs('reqId=t-123')).toEqual(['a1', 'q1', 'v1']);
    expect(await msgs('service=accountservice')).toEqual(['a1', 'a2', 'a3']);
    expect(await msgs('level=warn')).toEqual(['v1', 'a2']);
    expect(await msgs('level=WARN&service=accountservice')).toEqual(['a2']);
    expect(await msgs(`since=${at(3)}`)).toEqual(['v1', 'a2', 'a3']);
    expect(await msgs(`since=${new Date(at(4)).toISOString()}`)).toEqual(['a2', 'a3']);
    expect(await msgs('limit=2')).toEqual(['a2', 'a3']);
  });

  it('[gelf-lift] finds the lines of one trace (GET /logs?traceId=) and links each to its trace page', async () => {
    const trace = 'a'.repeat(32);
    const at = (n: number) => 1_700_000_000_000 + n * 1000;
    const lines = [
      pinoLine({
        service: 'accountservice',
        time: at(1),
        trace_id: trace,
        span_id: 'b'.repeat(16),
        msg: 'in the trace',
      }),
      pinoLine({ service: 'quotes-service', time: at(2), trace_id: trace, msg: 'also in it' }),
      pinoLine({ service: 'accountservice', time: at(3), trace_id: 'c'.repeat(32), msg: 'another trace' }),
      pinoLine({ service: 'accountservice', time: at(4), msg: 'no trace' }),
    ];
    await sendUdp(
      logtail.udpPort,
      lines.map((l) => gelfJson(l)),
    );
    await pollUntil('4 lines', () => (logtail.stats().parsed === 4 ? true : undefined), WAIT);
    const { body } = await getJson(`${logtail.url}/logs?traceId=${trace}`);
    expect(body.lines).toEqual([
      expect.objectContaining({
        msg: 'in the trace',
        traceId: trace,
        span_id: 'b'.repeat(16),
        traceUrl: `http://127.0.0.1:9411/zipkin/#${trace}`,
      }),
      expect.objectContaining({ msg: 'also in it', traceId: trace }),
    ]);
    const untraced = (await getJson(`${logtail.url}/logs?service=accountservice`)).body.lines as object[];
    expect(untraced.at(-1)).not.toHaveProperty('traceUrl');
  });

  it.each([
    ['traceId=xyz', /traceId: expected a trace id/],
    ['level=loud', /level/],
    ['limit=0', /limit/],
    ['limit=abc', /limit/],
    ['since=yesterday', /since: expected an ISO 8601 time/],
    ['reqId=a%0d%0ab', /reqId/],
    ['service=a&service=b', /service/],
    ['requestId=t-1', /unknown parameter: requestId/],
  ])('answers 400 with the JSON error for %s', async (query, message) => {
    for (const path of ['/logs', '/logs/stream']) {
      const { status, body } = await getJson(`${logtail.url}${path}?${query}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code: 'BAD_QUERY', message: expect.stringMatching(message) } });
    }
  });

  it('answers 404 in JSON for an unknown route', async () => {
    expect(await getJson(`${logtail.url}/nope`)).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'no route for GET /nope' } },
    });
  });

  it('[gelf-lift] streams matching lines as Server-Sent Events, and ends the stream at shutdown', async () => {
    const response = await fetch(`${logtail.url}/logs/stream?reqId=t-sse`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (what: string) => {
      while (!text.includes(what)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${what}: ${text}`);
        text += value;
      }
    };
    await readUntil(': subscribed');
    await sendUdp(logtail.udpPort, [
      gelfJson(pinoLine({ reqId: 'not-this-one', msg: 'skip me' })),
      gelfJson(pinoLine({ reqId: 't-sse', msg: 'streamed' })),
    ]);
    await readUntil('streamed');
    const event = text.split('\n\n').find((block) => block.includes('data: '))!;
    expect(event).toMatch(/^id: 1\ndata: /);
    expect(JSON.parse(event.split('data: ')[1])).toMatchObject({ msg: 'streamed', reqId: 't-sse' });
    expect(text).not.toContain('skip me');
    await logtail.stop();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });
});
