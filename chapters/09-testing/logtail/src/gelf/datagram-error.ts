/** Why a datagram was skipped; each has its own counter in GET /stats. */
export type DatagramProblem = 'malformed' | 'truncated' | 'oversized';

export class DatagramError extends Error {
  constructor(
    readonly problem: DatagramProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DatagramError';
  }
}
