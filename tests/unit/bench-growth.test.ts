import { describe, expect, it } from 'vitest';
import { flat, visitOrder } from '../../bench/scenarios/growth';

describe('bench growth: the verdict "flat"', () => {
  it('holds when the largest median is within 1 ms of the smallest, however small they are', () => {
    expect(flat([3.0, 3.1, 2.8])).toBe(true);
    expect(flat([2.0, 3.0, 2.5])).toBe(true);
    expect(flat([2.0, 3.1, 2.5])).toBe(false);
  });

  it('allows 20 % above the smallest median where that is more than 1 ms (a smallest median above 5 ms)', () => {
    expect(flat([10, 12, 11])).toBe(true);
    expect(flat([10, 12.1, 11])).toBe(false);
  });

  it('does not care which size is the slow one', () => {
    expect(flat([5.7, 4.6, 6.1])).toBe(false);
    expect(flat([6.1, 4.6, 5.7])).toBe(false);
  });
});

describe('bench growth: the order sizes are visited in', () => {
  it('is mirrored, so every size has the same mean position in the run', () => {
    const sizes = [1000, 10_000, 100_000];
    const order = visitOrder(sizes);
    expect(order).toEqual([1000, 10_000, 100_000, 100_000, 10_000, 1000]);
    const meanPosition = (size: number) => order.flatMap((s, i) => (s === size ? [i] : [])).reduce((a, b) => a + b, 0) / 2;
    expect(new Set(sizes.map(meanPosition)).size).toBe(1);
  });

  it('runs a single size once', () => {
    expect(visitOrder([5000])).toEqual([5000]);
  });
});
