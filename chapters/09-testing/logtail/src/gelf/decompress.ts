import zlib from 'node:zlib';
import { DatagramError } from './datagram-error';

function isGzip(payload: Buffer): boolean {
  return payload.length >= 2 && payload[0] === 0x1f && payload[1] === 0x8b;
}

/** A zlib stream starts with CMF (method 8, deflate) and FLG, and CMF·256 + FLG is a multiple of 31 (RFC 1950). */
function isZlib(payload: Buffer): boolean {
  return payload.length >= 2 && (payload[0] & 0x0f) === 8 && payload.readUInt16BE(0) % 31 === 0;
}

/**
 * The GELF JSON inside a (reassembled) payload: gzip and zlib are recognised by their first bytes,
 * anything else is taken as plain JSON. Never inflates beyond `maxBytes` (a zip bomb is "oversized").
 */
export function decompressPayload(payload: Buffer, maxBytes: number): Buffer {
  if (payload.length > maxBytes) {
    throw new DatagramError('oversized', `payload of ${payload.length} bytes exceeds ${maxBytes}`);
  }
  try {
    if (isGzip(payload)) return zlib.gunzipSync(payload, { maxOutputLength: maxBytes });
    if (isZlib(payload)) return zlib.inflateSync(payload, { maxOutputLength: maxBytes });
  } catch (err) {
    throw asDatagramError(err, maxBytes);
  }
  return payload;
}

function asDatagramError(err: unknown, maxBytes: number): DatagramError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') {
    return new DatagramError('oversized', `inflates beyond ${maxBytes} bytes`);
  }
  if (code === 'Z_BUF_ERROR') return new DatagramError('truncated', 'compressed stream ends early');
  return new DatagramError('malformed', `cannot decompress: ${(err as Error).message}`);
}
