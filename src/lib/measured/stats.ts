/**
 * Small statistics for the measurement harness and the /measured page. Pure functions, no I/O.
 *
 * Percentiles use linear interpolation between the two closest ranks (the "R-7" rule, which is
 * also what NumPy and spreadsheet PERCENTILE.INC use): for n sorted values x[0..n-1] and a
 * fraction p, the position is h = (n - 1) * p and the result x[floor(h)] + (h - floor(h)) *
 * (x[floor(h) + 1] - x[floor(h)]). An empty input gives NaN; one value is every percentile.
 */

/** Sorted copy, ascending; NaN is dropped so that it cannot poison a whole percentile. */
export function sorted(xs: readonly number[]): number[] {
  return xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
}

/** Percentile of already sorted values; p in [0, 100]. */
export function percentileSorted(s: readonly number[], p: number): number {
  if (s.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const h = ((s.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export function percentile(xs: readonly number[], p: number): number {
  return percentileSorted(sorted(xs), p);
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

export function mean(xs: readonly number[]): number {
  const s = sorted(xs);
  return s.length === 0 ? NaN : s.reduce((a, b) => a + b, 0) / s.length;
}

/** The spread of repeated runs: median, extremes, and (max - min) / median as a fraction. */
export type Spread = {median: number; min: number; max: number; relSpread: number; n: number};

export function spread(xs: readonly number[]): Spread {
  const s = sorted(xs);
  if (s.length === 0) return {median: NaN, min: NaN, max: NaN, relSpread: NaN, n: 0};
  const med = percentileSorted(s, 50);
  const min = s[0];
  const max = s[s.length - 1];
  return {median: med, min, max, relSpread: med === 0 ? (max === min ? 0 : Infinity) : (max - min) / Math.abs(med), n: s.length};
}

export type LatencySummary = {p50: number; p95: number; p99: number; max: number; n: number};

export function latencySummary(xs: readonly number[]): LatencySummary {
  const s = sorted(xs);
  return {
    p50: percentileSorted(s, 50),
    p95: percentileSorted(s, 95),
    p99: percentileSorted(s, 99),
    max: s.length ? s[s.length - 1] : NaN,
    n: s.length,
  };
}

/** Round to a number of significant digits for publication (keeps JSON short and honest). */
export function sig(x: number, digits = 3): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** a / b, or NaN when b is 0 or either is not finite. */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN;
  return a / b;
}
