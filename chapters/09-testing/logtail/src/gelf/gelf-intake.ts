import { ChunkAssembler, isChunk } from './chunk-assembler';
import { DatagramError, type DatagramProblem } from './datagram-error';
import { decompressPayload } from './decompress';
import { type GelfMessage, parseGelfMessage } from './gelf-message';

/** What happened to the datagrams so far (GET /stats). */
export interface IntakeCounts {
  received: number;
  parsed: number;
  malformed: number;
  truncated: number;
  oversized: number;
}

export interface GelfIntakeOptions {
  /** The largest datagram, decompressed message and reassembled chunked message. */
  maxMessageBytes: number;
  chunkTimeoutMs: number;
  maxPendingMessages: number;
  onMessage: (message: GelfMessage) => void;
  /** Told about each skipped datagram (logtail logs them at debug). */
  onSkipped?: (problem: DatagramProblem, reason: string) => void;
}

/** Datagram in, GELF message out: reassembles chunks, decompresses, parses, counts what it skips. */
export class GelfIntake {
  readonly counts: IntakeCounts = { received: 0, parsed: 0, malformed: 0, truncated: 0, oversized: 0 };
  private readonly chunks: ChunkAssembler;

  constructor(private readonly options: GelfIntakeOptions) {
    this.chunks = new ChunkAssembler({
      timeoutMs: options.chunkTimeoutMs,
      maxPending: options.maxPendingMessages,
      maxBytes: options.maxMessageBytes,
      onDiscarded: (problem, reason) => this.skipped(problem, reason),
    });
  }

  /** Never throws: a bad datagram is counted and skipped. */
  receive(datagram: Buffer): void {
    this.counts.received += 1;
    try {
      if (datagram.length > this.options.maxMessageBytes) {
        throw new DatagramError('oversized', `datagram of ${datagram.length} bytes`);
      }
      const payload = isChunk(datagram) ? this.chunks.add(datagram) : datagram;
      if (!payload) return;
      const message = parseGelfMessage(decompressPayload(payload, this.options.maxMessageBytes));
      this.counts.parsed += 1;
      this.options.onMessage(message);
    } catch (err) {
      if (err instanceof DatagramError) this.skipped(err.problem, err.message);
      else this.skipped('malformed', (err as Error).message);
    }
  }

  get pendingChunkedMessages(): number {
    return this.chunks.pendingCount;
  }

  close(): void {
    this.chunks.close();
  }

  private skipped(problem: DatagramProblem, reason: string): void {
    this.counts[problem] += 1;
    this.options.onSkipped?.(problem, reason);
  }
}
