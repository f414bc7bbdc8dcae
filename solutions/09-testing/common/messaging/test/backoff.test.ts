import { backoffDelay } from '../backoff';

const options = { initialMs: 100, factor: 2, maxMs: 1000 };

describe('backoffDelay', () => {
  it('doubles from the initial wait and never passes the bound', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('spreads replicas over the second half of the wait when given a random source', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(200);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
    expect(backoffDelay(9, options, () => 0.999)).toBeLessThanOrEqual(1000);
  });
});
