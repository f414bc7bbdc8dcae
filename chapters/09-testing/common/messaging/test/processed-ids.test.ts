import { ProcessedIds } from '../processed-ids';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: Error) => void } {
  let resolve = () => undefined as void;
  let reject = (_err: Error) => undefined as void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('handling a message id once', () => {
  it('[idempotent-once] runs the work for a new id, and skips it for an id already handled', async () => {
    const ids = new ProcessedIds();
    const runs: string[] = [];
    expect(await ids.once('a', () => void runs.push('a'))).toBe(true);
    expect(await ids.once('a', () => void runs.push('a again'))).toBe(false);
    expect(runs).toEqual(['a']);
    expect(ids.has('a')).toBe(true);
  });

  it('[idempotent-once] makes a redelivery wait for the first delivery still running, then skips it', async () => {
    const ids = new ProcessedIds();
    const first = deferred();
    const runs: string[] = [];
    const running = ids.once('a', () => {
      runs.push('first');
      return first.promise;
    });
    const redelivery = ids.once('a', () => void runs.push('second'));
    await Promise.resolve();
    expect(ids.has('a')).toBe(false);
    first.resolve();
    expect(await running).toBe(true);
    expect(await redelivery).toBe(false);
    expect(runs).toEqual(['first']);
  });

  it('[idempotent-once] remembers an id only when its work succeeded, so a failed one may run again', async () => {
    const ids = new ProcessedIds();
    await expect(ids.once('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(ids.has('a')).toBe(false);
    expect(await ids.once('a', () => undefined)).toBe(true);
  });

  it('[idempotent-once] keeps only the newest `limit` ids; handling one again makes it newest', async () => {
    const ids = new ProcessedIds(2);
    ids.add('a');
    ids.add('b');
    ids.add('a');
    ids.add('c');
    expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([true, false, true]);
    expect(ids.size).toBe(2);
  });
});
