import { DatagramError, type DatagramProblem } from './datagram-error';

/** GELF chunk header: magic 0x1e 0x0f, an 8-byte message id, sequence number, sequence count. */
export const CHUNK_HEADER_BYTES = 12;
/** The GELF spec: a message has at most 128 chunks. */
export const MAX_CHUNKS = 128;

export function isChunk(datagram: Buffer): boolean {
  return datagram.length >= 2 && datagram[0] === 0x1e && datagram[1] === 0x0f;
}

export interface ChunkHeader {
  /** The message id as hex: chunks with the same id belong together. */
  id: string;
  /** This chunk's place, 0 … count − 1. */
  seq: number;
  count: number;
  body: Buffer;
}

/** Reads a chunk's header; throws DatagramError when it cannot be one (too short, impossible numbers). */
export function readChunkHeader(chunk: Buffer): ChunkHeader {
  // @exercise gelf-chunks: Read the chunk header — magic (2 bytes), message id (8), sequence number (1), sequence count (1) — and refuse impossible ones: shorter than the header (truncated), a count of 0 or over MAX_CHUNKS, or a sequence number not below the count (malformed).
  // @hint A chunk's header says which message it belongs to, where it goes and how many there are: check those numbers before trusting them, keep the pieces per message, and hand the message on once every piece is there.
  // @hint-api The id is chunk.subarray(2, 10) (toString('hex') makes a Map key); seq is chunk[10], count chunk[11]; the body is chunk.subarray(CHUNK_HEADER_BYTES). Throw new DatagramError('truncated' | 'malformed', why).
  if (chunk.length < CHUNK_HEADER_BYTES) throw new DatagramError('truncated', 'chunk shorter than its header');
  const seq = chunk[10];
  const count = chunk[11];
  if (count === 0 || count > MAX_CHUNKS) throw new DatagramError('malformed', `sequence count ${count}`);
  if (seq >= count) throw new DatagramError('malformed', `sequence number ${seq} of ${count}`);
  return { id: chunk.subarray(2, 10).toString('hex'), seq, count, body: chunk.subarray(CHUNK_HEADER_BYTES) };
  // @starter
  // return { id: chunk.subarray(2, 10).toString('hex'), seq: 0, count: 1, body: chunk.subarray(CHUNK_HEADER_BYTES) };
  // @end
}

export interface ChunkAssemblerOptions {
  /** The spec: all chunks of a message arrive within 5 s, or the message is dropped. */
  timeoutMs: number;
  /** Messages being reassembled at once; a new one beyond it evicts the oldest. */
  maxPending: number;
  /** The largest reassembled payload. */
  maxBytes: number;
  /** A message given up on (timed out or evicted) before all its chunks came. */
  onDiscarded: (problem: DatagramProblem, reason: string) => void;
}

interface PendingMessage {
  parts: (Buffer | undefined)[];
  received: number;
  bytes: number;
  timer: NodeJS.Timeout;
}

/** Collects the chunks of chunked GELF messages and hands back each message once it is whole. */
export class ChunkAssembler {
  private readonly pending = new Map<string, PendingMessage>();

  constructor(private readonly options: ChunkAssemblerOptions) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The whole payload when this chunk completes its message, else undefined. Throws DatagramError. */
  add(chunk: Buffer): Buffer | undefined {
    const { id, seq, count, body } = readChunkHeader(chunk);
    const message = this.pending.get(id) ?? this.start(id, count);
    if (message.parts.length !== count) throw new DatagramError('malformed', 'sequence count changed mid-message');
    if (message.parts[seq]) return undefined;
    message.parts[seq] = body;
    message.received += 1;
    message.bytes += body.length;
    if (message.bytes > this.options.maxBytes) {
      this.forget(id);
      throw new DatagramError('oversized', `chunked message exceeds ${this.options.maxBytes} bytes`);
    }
    if (message.received < count) return undefined;
    this.forget(id);
    return Buffer.concat(message.parts as Buffer[]);
  }

  /** Stops every reassembly timer (at shutdown). */
  close(): void {
    for (const id of [...this.pending.keys()]) this.forget(id);
  }

  private start(id: string, count: number): PendingMessage {
    if (this.pending.size >= this.options.maxPending) {
      const [oldest] = this.pending.keys();
      this.forget(oldest);
      this.options.onDiscarded('truncated', 'too many messages being reassembled: the oldest was dropped');
    }
    const timer = setTimeout(() => {
      this.forget(id);
      this.options.onDiscarded('truncated', `chunks missing after ${this.options.timeoutMs} ms`);
    }, this.options.timeoutMs);
    timer.unref();
    const message: PendingMessage = { parts: new Array<Buffer | undefined>(count), received: 0, bytes: 0, timer };
    this.pending.set(id, message);
    return message;
  }

  private forget(id: string): void {
    const message = this.pending.get(id);
    if (message) clearTimeout(message.timer);
    this.pending.delete(id);
  }
}
