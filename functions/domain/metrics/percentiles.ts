import { InvalidStatisticInputError } from '../errors.ts';

function assertProbability(q: number): void {
  if (!(q >= 0 && q <= 1)) {
    throw new InvalidStatisticInputError(`quantile level must be in [0, 1], got ${q}`);
  }
}

/**
 * Sample quantile of already sorted values by linear interpolation between closest ranks (Hyndman & Fan
 * type 7, NumPy's default `method='linear'`): with h = (n − 1)·q, the result is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). The interpolation is written like NumPy's `_lerp` (from the
 * upper neighbour when the weight is ≥ 0.5) so results match `numpy.quantile` to the last bit in most cases.
 *
 * The input must be sorted ascending and finite; this is not re-checked, to keep the call O(1) when several
 * quantiles are read from one sorted sample (use `percentiles` for unsorted data).
 *
 * Source: R. J. Hyndman, Y. Fan (1996), "Sample Quantiles in Statistical Packages", The American
 * Statistician 50(4); NumPy `numpy.percentile` docs.
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when `sortedValues` is empty or `q` is outside [0, 1].
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(sortedValues: Float64Array | readonly number[], q: number): number {
  const n = sortedValues.length;
  if (n === 0) throw new InvalidStatisticInputError('quantile of an empty sample is undefined');
  assertProbability(q);
  const h = (n - 1) * q;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, n - 1);
  const a = sortedValues[lower] ?? Number.NaN;
  const b = sortedValues[upper] ?? Number.NaN;
  const gamma = h - lower;
  const difference = b - a;
  return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
}

/**
 * Several sample quantiles (type 7 / NumPy default linear interpolation) of unsorted values, e.g. latency
 * p50/p95/p99. Sorts one Float64Array copy, so the input is left untouched.
 *
 * Source: NumPy `numpy.percentile(x, q * 100)` docs; Hyndman & Fan (1996).
 * Complexity: O(n log n + m) time for n values and m levels, O(n) extra memory.
 *
 * @throws {InvalidStatisticInputError} when `values` is empty, contains a non-finite value, or a level is
 *   outside [0, 1].
 * @example
 * percentiles([3, 1, 2, 4], [0.5, 0.95]); // [2.5, 3.85]
 */
export function percentiles(
  values: Float64Array | readonly number[],
  levels: readonly number[] = [0.5, 0.95, 0.99],
): number[] {
  if (values.length === 0)
    throw new InvalidStatisticInputError('percentiles of an empty sample are undefined');
  for (const q of levels) assertProbability(q);
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] ?? Number.NaN;
    // NaN would sort last and silently become "p99"; infinities turn interpolation into NaN.
    if (!Number.isFinite(value)) {
      throw new InvalidStatisticInputError(`values must be finite, got ${value} at index ${i}`);
    }
  }
  // TypedArray#sort compares numerically (unlike Array#sort), which is what we need.
  sorted.sort();
  return levels.map((q) => quantile(sorted, q));
}
