import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {formatNumber} from './numberFormat';

// The reference is Node's own Intl (full ICU), the formatter the site used before.
const intl = (x: number, digits: number) => new Intl.NumberFormat('en-US', {maximumFractionDigits: digits}).format(x);

describe('formatNumber writes what Intl.NumberFormat en-US writes', () => {
  it('on hand-picked values: ties, grouping, negatives, tiny and huge numbers', () => {
    const values = [0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 1.045, 2.675, 999.995, 999.9949, 1000, 1234.5678, -1234.5678,
      12_345_678.9, 1e15, 123456789012345680000, 1e21, 1.5e22, -3e25, 5e-324, 0.0004, 0.0005, -0.0005, 99_999.999, 1_000_000];
    for (const digits of [0, 1, 2, 3]) for (const x of values) expect(formatNumber(x, digits), `${x} to ${digits}`).toBe(intl(x, digits));
    expect(formatNumber(Number.NaN)).toBe(intl(Number.NaN, 3));
    expect(formatNumber(Infinity)).toBe(intl(Infinity, 3));
    expect(formatNumber(-Infinity)).toBe(intl(-Infinity, 3));
  });

  it('on 20 000 random numbers of every size, to 0–3 decimals', () => {
    const number = fc.oneof(
      fc.double({noNaN: true, min: -1e7, max: 1e7}),
      fc.integer({min: -1e9, max: 1e9}).map((n) => n / 1000),
      fc.integer({min: -1e6, max: 1e6}).map((n) => n / 8),
      fc.double({noNaN: true}),
    );
    fc.assert(
      fc.property(number, fc.integer({min: 0, max: 3}), (x, digits) => formatNumber(x, digits) === intl(x, digits)),
      {numRuns: 20_000, seed: 20261207},
    );
  });

  it('uses another group separator when asked, and refuses a nonsense precision', () => {
    expect(formatNumber(1234567.25, 1, ' ')).toBe('1 234 567.3');
    expect(() => formatNumber(1, -1)).toThrow(RangeError);
    expect(() => formatNumber(1, 1.5)).toThrow(RangeError);
  });
});
