import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import zlib from 'node:zlib';

/** A pino-style JSON line as a service writes it. */
export function pinoLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ level: 30, time: Date.now(), service: 'accountservice', msg: 'hello', ...fields });
}

/** The GELF envelope Docker's gelf driver sends for one line a container wrote. */
export function gelfJson(shortMessage: string, extra: Record<string, unknown> = {}): Buffer {
  const message = { version: '1.1', host: 'node-1', short_message: shortMessage, timestamp: 1_700_000_000.5, level: 6 };
  return Buffer.from(JSON.stringify({ ...message, _container_name: '/accountservice', ...extra }));
}

export const gzipped = (payload: Buffer): Buffer => zlib.gzipSync(payload);
export const zlibbed = (payload: Buffer): Buffer => zlib.deflateSync(payload);

/** Splits a payload into GELF chunks: 0x1e 0x0f, 8-byte id, sequence number, count, body. */
export function chunked(payload: Buffer, chunkBody: number, id: Buffer = randomBytes(8)): Buffer[] {
  const count = Math.ceil(payload.length / chunkBody);
  return Array.from({ length: count }, (_, seq) =>
    Buffer.concat([
      Buffer.from([0x1e, 0x0f]),
      id,
      Buffer.from([seq, count]),
      payload.subarray(seq * chunkBody, (seq + 1) * chunkBody),
    ]),
  );
}

/** One raw chunk with any header values (to build impossible ones). */
export function chunk(seq: number, count: number, body: Buffer, id: Buffer = randomBytes(8)): Buffer {
  return Buffer.concat([Buffer.from([0x1e, 0x0f]), id, Buffer.from([seq, count]), body]);
}

/** Sends datagrams over a real UDP socket to 127.0.0.1:port, in order. */
export async function sendUdp(port: number, datagrams: readonly Buffer[]): Promise<void> {
  const socket = dgram.createSocket('udp4');
  try {
    for (const datagram of datagrams) {
      await new Promise<void>((resolve, reject) =>
        socket.send(datagram, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
      );
    }
  } finally {
    socket.close();
  }
}
