import { InvalidStatisticInputError } from '../errors.ts';

/**
 * Input guards shared by the drift statistics. They exist so that every function fails loudly on a
 * degenerate input (empty sample, NaN, negative count) instead of returning NaN, which would silently
 * disable an alert downstream.
 */

/**
 * Checks that a raw numeric sample is non-empty and holds only finite numbers.
 *
 * Missing values must be counted by the caller and never reach a numeric statistic: a NaN has no
 * position in an empirical CDF, and ±Infinity makes distances undefined.
 *
 * Complexity: O(n).
 *
 * @throws {InvalidStatisticInputError} when the sample is empty or holds a non-finite value.
 * @example
 * assertFiniteSample([1, 2, 3], 'reference'); // passes
 */
export function assertFiniteSample(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) {
    throw new InvalidStatisticInputError(`${name} sample is empty`);
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || !Number.isFinite(value)) {
      throw new InvalidStatisticInputError(`${name} sample holds a non-finite value at index ${i}`);
    }
  }
}

/**
 * Checks a vector of counts or weights (finite, ≥ 0, non-empty) and returns its sum.
 *
 * Complexity: O(k).
 *
 * @throws {InvalidStatisticInputError} when the vector is empty or holds a negative or non-finite entry.
 * @example
 * assertCountVector([3, 0, 2], 'reference'); // 5
 */
export function assertCountVector(counts: readonly number[], name: string): number {
  if (counts.length === 0) {
    throw new InvalidStatisticInputError(`${name} counts are empty`);
  }
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (count === undefined || !Number.isFinite(count) || count < 0) {
      throw new InvalidStatisticInputError(`${name} count at index ${i} is not a finite non-negative number`);
    }
    total += count;
  }
  return total;
}

/**
 * Checks that two count vectors describe the same categories (same length) and that each has a
 * positive total, then returns both totals.
 *
 * Complexity: O(k).
 *
 * @throws {InvalidStatisticInputError} when the lengths differ or a vector sums to zero.
 * @example
 * assertAlignedDistributions([1, 2], [2, 1]); // { totalP: 3, totalQ: 3 }
 */
export function assertAlignedDistributions(
  p: readonly number[],
  q: readonly number[],
  names: readonly [string, string] = ['reference', 'current'],
): { totalP: number; totalQ: number } {
  const totalP = assertCountVector(p, names[0]);
  const totalQ = assertCountVector(q, names[1]);
  if (p.length !== q.length) {
    throw new InvalidStatisticInputError(
      `${names[0]} and ${names[1]} must be aligned on the same categories (lengths ${p.length} and ${q.length})`,
    );
  }
  if (totalP <= 0) {
    throw new InvalidStatisticInputError(`${names[0]} counts sum to zero`);
  }
  if (totalQ <= 0) {
    throw new InvalidStatisticInputError(`${names[1]} counts sum to zero`);
  }
  return { totalP, totalQ };
}

/**
 * Copies a validated sample into a sorted Float64Array (the input is left untouched).
 *
 * Complexity: O(n log n) — the typed-array sort is numeric, unlike Array.prototype.sort without a comparator.
 *
 * @throws {InvalidStatisticInputError} as {@link assertFiniteSample}.
 * @example
 * sortedCopy([3, 1, 2], 'reference'); // Float64Array [1, 2, 3]
 */
export function sortedCopy(values: ArrayLike<number>, name: string): Float64Array {
  assertFiniteSample(values, name);
  return Float64Array.from(values).sort();
}
