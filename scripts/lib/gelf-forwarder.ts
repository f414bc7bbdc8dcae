import dgram from 'node:dgram';
import os from 'node:os';
import { stripVTControlCharacters } from 'node:util';

/** GELF over UDP without chunking carries at most this much; longer lines are cut (and say so). */
export const MAX_LINE_BYTES = 8000;

export type OutputStream = 'stdout' | 'stderr';

/** The GELF 1.1 message Docker's gelf driver sends for one output line (syslog levels: 6 info, 3 error). */
export function gelfMessage(service: string, line: string, stream: OutputStream, now = Date.now()): string {
  const plain = stripVTControlCharacters(line);
  const bytes = Buffer.byteLength(plain);
  const text = bytes > MAX_LINE_BYTES ? `${Buffer.from(plain).subarray(0, MAX_LINE_BYTES).toString()}… [cut]` : plain;
  return JSON.stringify({
    version: '1.1',
    host: os.hostname(),
    short_message: text,
    timestamp: now / 1000,
    level: stream === 'stderr' ? 3 : 6,
    _service: service,
    _stream: stream,
  });
}

export interface GelfForwarder {
  send(service: string, line: string, stream: OutputStream): void;
  close(): Promise<void>;
}

/**
 * Local mode's gelf log driver: one uncompressed GELF datagram per output line to logtail's UDP
 * port. Fire and forget, as UDP is: a lost datagram loses a line, never blocks or fails a service.
 */
export function gelfForwarder(port: number, host = '127.0.0.1'): GelfForwarder {
  const socket = dgram.createSocket('udp4');
  socket.on('error', () => undefined); // logtail away: the lines are lost, the landscape runs on
  socket.unref();
  let closing: Promise<void> | undefined;
  return {
    send(service, line, stream) {
      if (closing || !line.trim()) return;
      socket.send(gelfMessage(service, line, stream), port, host);
    },
    // Idempotent: a landscape may be stopped twice (a test's last step, then its afterAll).
    close: () => (closing ??= new Promise((resolve) => socket.close(() => resolve()))),
  };
}
