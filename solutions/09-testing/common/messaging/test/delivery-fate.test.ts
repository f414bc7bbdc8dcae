import { deliveryFate } from '../consumer';
import { InvalidMessageError, RetryableError } from '../errors';

describe('the fate of a delivery', () => {
  it('[delivery-fate] acks a handled message and a duplicate, each counted as what it is', () => {
    expect(deliveryFate({ kind: 'handled' }, false)).toEqual({ settle: 'ack', count: 'processed' });
    expect(deliveryFate({ kind: 'duplicate' }, true)).toEqual({ settle: 'ack', count: 'duplicates' });
  });

  it('[delivery-fate] dead-letters an unreadable message at once, even on its first delivery, and says why', () => {
    const fate = deliveryFate({ kind: 'unreadable', error: new InvalidMessageError('not JSON') }, false);
    expect(fate).toMatchObject({ settle: 'reject', count: 'deadLettered' });
    expect(fate.log).toMatch(/dead-letter.*unreadable: not JSON/);
  });

  it('[delivery-fate] requeues a RetryableError once, and dead-letters it when it fails again', () => {
    const error = new RetryableError('database busy');
    expect(deliveryFate({ kind: 'failed', error }, false)).toEqual({
      settle: 'requeue',
      count: 'requeued',
      log: 'requeued once: database busy',
    });
    const again = deliveryFate({ kind: 'failed', error }, true);
    expect(again).toMatchObject({ settle: 'reject', count: 'deadLettered' });
    expect(again.log).toMatch(/handler failed: database busy/);
  });

  it('[delivery-fate] dead-letters any other failure without a retry', () => {
    const fate = deliveryFate({ kind: 'failed', error: new Error('bug') }, false);
    expect(fate).toMatchObject({ settle: 'reject', count: 'deadLettered' });
    expect(fate.log).toMatch(/handler failed: bug/);
  });
});
