import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import type { DatagramProblem } from '../src/gelf/datagram-error';
import { GelfIntake } from '../src/gelf/gelf-intake';
import type { GelfMessage } from '../src/gelf/gelf-message';
import { chunk, chunked, gelfJson, gzipped, pinoLine, zlibbed } from './gelf-datagrams';

function intake(overrides: { maxMessageBytes?: number; chunkTimeoutMs?: number; maxPendingMessages?: number } = {}) {
  const messages: GelfMessage[] = [];
  const skipped: DatagramProblem[] = [];
  const gelf = new GelfIntake({
    maxMessageBytes: 64 * 1024,
    chunkTimeoutMs: 5000,
    maxPendingMessages: 10,
    ...overrides,
    onMessage: (message) => messages.push(message),
    onSkipped: (problem) => skipped.push(problem),
  });
  return { gelf, messages, skipped };
}

afterEach(() => jest.useRealTimers());

describe('GELF datagrams', () => {
  const line = pinoLine({ msg: 'plain' });

  it.each([
    ['plain JSON', (payload: Buffer) => payload],
    ['gzip', gzipped],
    ['zlib', zlibbed],
  ])('parses a %s message', (_form, encode) => {
    const { gelf, messages } = intake();
    gelf.receive(encode(gelfJson(line)));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ host: 'node-1', short_message: line, _container_name: '/accountservice' });
    expect(gelf.counts).toMatchObject({ received: 1, parsed: 1, malformed: 0 });
  });

  it('[gelf-chunks] reassembles a chunked gzip message whose chunks arrive out of order', () => {
    const { gelf, messages } = intake();
    const big = pinoLine({ msg: 'x'.repeat(5000), filler: randomBytes(3000).toString('hex') });
    const parts = chunked(gzipped(gelfJson(big)), 1000);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of [...parts].reverse()) gelf.receive(part);
    expect(messages).toHaveLength(1);
    expect(messages[0].short_message).toBe(big);
    expect(gelf.counts).toMatchObject({ received: parts.length, parsed: 1 });
  });

  it('[gelf-chunks] keeps two interleaved chunked messages apart and ignores a repeated chunk', () => {
    const { gelf, messages } = intake();
    const a = chunked(gelfJson(pinoLine({ msg: 'a'.repeat(300) })), 100);
    const b = chunked(gelfJson(pinoLine({ msg: 'b'.repeat(300) })), 100);
    gelf.receive(a[0]);
    gelf.receive(a[0]);
    for (let i = 0; i < b.length; i += 1) {
      gelf.receive(b[i]);
      if (a[i + 1]) gelf.receive(a[i + 1]);
    }
    expect(messages.map((m) => JSON.parse(m.short_message).msg[0])).toEqual(['a', 'b']);
    expect(gelf.pendingChunkedMessages).toBe(0);
  });

  it.each([
    ['a chunk with seq ≥ count', () => chunk(3, 3, Buffer.from('{}')), 'malformed'],
    ['a chunk claiming more than 128 chunks', () => chunk(0, 129, Buffer.from('{}')), 'malformed'],
    ['a chunk claiming 0 chunks', () => chunk(0, 0, Buffer.from('{}')), 'malformed'],
    ['a chunk shorter than its header', () => Buffer.from([0x1e, 0x0f, 1, 2, 3]), 'truncated'],
    ['random bytes', () => randomBytes(200), 'malformed'],
    ['truncated gzip', () => gzipped(gelfJson(pinoLine({}))).subarray(0, 30), 'truncated'],
    ['truncated zlib', () => zlibbed(gelfJson(pinoLine({}))).subarray(0, 20), 'truncated'],
    ['JSON that is not GELF', () => Buffer.from('{"hello":"world"}'), 'malformed'],
    ['JSON cut short', () => gelfJson(pinoLine({})).subarray(0, 40), 'malformed'],
    ['a datagram over the size limit', () => Buffer.alloc(70 * 1024, 0x7b), 'oversized'],
    ['a gzip bomb', () => zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20)), 'oversized'],
  ])('[gelf-chunks] counts %s as %s and keeps going', (_what, make, problem) => {
    const { gelf, messages, skipped } = intake();
    gelf.receive(make());
    gelf.receive(gelfJson(pinoLine({ msg: 'after' })));
    expect(skipped).toEqual([problem]);
    expect(gelf.counts[problem as DatagramProblem]).toBe(1);
    expect(messages.map((m) => JSON.parse(m.short_message).msg)).toEqual(['after']);
  });

  it('[gelf-chunks] refuses a chunked message that grows beyond the size limit', () => {
    const { gelf, messages, skipped } = intake({ maxMessageBytes: 2000 });
    for (const part of chunked(gelfJson(pinoLine({ msg: 'y'.repeat(5000) })), 1000)) gelf.receive(part);
    expect(skipped[0]).toBe('oversized');
    expect(messages).toEqual([]);
  });

  it('[gelf-chunks] drops an incomplete chunked message after the timeout, counted as truncated', () => {
    jest.useFakeTimers();
    const { gelf, skipped } = intake({ chunkTimeoutMs: 5000 });
    gelf.receive(chunked(gelfJson(pinoLine({ msg: 'z'.repeat(500) })), 100)[0]);
    expect(gelf.pendingChunkedMessages).toBe(1);
    jest.advanceTimersByTime(4999);
    expect(skipped).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(skipped).toEqual(['truncated']);
    expect(gelf.pendingChunkedMessages).toBe(0);
  });

  it('[gelf-chunks] bounds the messages being reassembled: the oldest gives way', () => {
    const { gelf, skipped } = intake({ maxPendingMessages: 3 });
    for (let i = 0; i < 5; i += 1) gelf.receive(chunk(0, 2, Buffer.from('{')));
    expect(gelf.pendingChunkedMessages).toBe(3);
    expect(skipped).toEqual(['truncated', 'truncated']);
    gelf.close();
  });
});
