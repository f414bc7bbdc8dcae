import type { LogLine } from '../log-line';
import { toLokiPush } from './loki-push';

/** sent: the sink took it. rejected: the sink refused this batch for good (4xx). failed: try again later. */
export type PostOutcome = { outcome: 'sent' } | { outcome: 'rejected' | 'failed'; reason: string };

/** A status that will not change on retry: the batch itself is wrong (408 and 429 are worth retrying). */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** POSTs one batch to the sink in the Loki push shape, never waiting longer than `timeoutMs`. */
export async function postBatch(url: string, lines: readonly LogLine[], timeoutMs: number): Promise<PostOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toLokiPush(lines)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    if (response.ok) return { outcome: 'sent' };
    const reason = `sink answered ${response.status}`;
    return { outcome: isPermanent(response.status) ? 'rejected' : 'failed', reason };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { outcome: 'failed', reason: cause ?? (err as Error).message };
  }
}
