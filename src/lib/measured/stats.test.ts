// The statistics behind the published figures: percentiles (linear interpolation, R-7),
// medians, the spread of repeated runs and ratios.
import {describe, expect, it} from 'vitest';
import {latencySummary, mean, median, percentile, ratio, sig, spread} from './stats';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    const xs = [1, 2, 3, 4];
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(4);
    expect(percentile(xs, 50)).toBe(2.5);
    expect(percentile(xs, 25)).toBeCloseTo(1.75, 12);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBeCloseTo(95.5, 12);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 99)).toBeCloseTo(99.1, 12);
  });

  it('does not depend on input order and ignores NaN', () => {
    expect(percentile([5, 1, 4, NaN, 2, 3], 50)).toBe(3);
  });

  it('gives NaN for no data, the value for one, and rejects p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });

  it('p50 ≤ p95 ≤ p99 ≤ max on any data', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100;
    for (let k = 0; k < 50; k++) {
      const xs = Array.from({length: 1 + (k % 17)}, rnd);
      const s = latencySummary(xs);
      expect(s.p50).toBeLessThanOrEqual(s.p95);
      expect(s.p95).toBeLessThanOrEqual(s.p99);
      expect(s.p99).toBeLessThanOrEqual(s.max);
      expect(s.n).toBe(xs.length);
    }
  });
});

describe('median, mean and spread', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('spread of three runs: median, extremes and (max − min) / median', () => {
    const s = spread([100, 90, 120]);
    expect(s).toEqual({median: 100, min: 90, max: 120, relSpread: 0.3, n: 3});
  });

  it('spread of nothing is NaN, of equal zeros is 0', () => {
    expect(spread([]).n).toBe(0);
    expect(spread([]).median).toBeNaN();
    expect(spread([0, 0]).relSpread).toBe(0);
  });

  it('sig rounds to significant digits; ratio refuses a zero denominator', () => {
    expect(sig(123.456)).toBe(123);
    expect(sig(0.0123456, 2)).toBe(0.012);
    expect(sig(0)).toBe(0);
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(1, 0)).toBeNaN();
  });
});

