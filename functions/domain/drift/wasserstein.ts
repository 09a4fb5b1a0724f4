import { InvalidStatisticInputError } from '../errors.ts';
import { assertCountVector, assertFiniteSample, sortedCopy } from './validation.ts';

/**
 * 1-Wasserstein (earth mover's) distance between the empirical distributions of two raw samples:
 *   W1 = ∫ |F_ref(x) − F_cur(x)| dx,
 * integrated exactly over the merged sorted values (the ECDFs are step functions). Agrees with
 * `scipy.stats.wasserstein_distance(reference, current)`. Its unit is the feature's unit.
 *
 * Missing values: pass only finite numbers; callers count nulls separately (NaN/±Infinity throw).
 *
 * Source: Ramdas, García Trillos & Cuturi (2017), "On Wasserstein two-sample testing", Entropy 19(2),
 * eq. (2); SciPy `wasserstein_distance` docs. Complexity: O((n + m) log(n + m)); the integral uses
 * Neumaier-compensated summation so millions of terms do not accumulate rounding.
 *
 * @throws {InvalidStatisticInputError} when a sample is empty or holds a non-finite value.
 * @example
 * wasserstein1([0, 1, 3], [5, 6, 8]); // 5
 */
export function wasserstein1(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const a = sortedCopy(reference, 'reference');
  const b = sortedCopy(current, 'current');
  const n = a.length;
  const m = b.length;
  const sum = new CompensatedSum();
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0] ?? 0, b[0] ?? 0);
  while (i < n || j < m) {
    const nextA = i < n ? (a[i] ?? 0) : Number.POSITIVE_INFINITY;
    const nextB = j < m ? (b[j] ?? 0) : Number.POSITIVE_INFINITY;
    const value = Math.min(nextA, nextB);
    // Between `previous` and `value` both ECDFs are constant at i/n and j/m.
    sum.add(Math.abs(i / n - j / m) * (value - previous));
    while (i < n && a[i] === value) {
      i++;
    }
    while (j < m && b[j] === value) {
      j++;
    }
    previous = value;
  }
  return sum.value();
}

/**
 * 1-Wasserstein distance between two weighted distributions on the same support points, e.g. two
 * histograms over shared bin representatives: agrees with
 * `scipy.stats.wasserstein_distance(values, values, referenceWeights, currentWeights)`.
 * `values` need not be sorted or distinct; weights are normalised by their sums.
 *
 * Source: as {@link wasserstein1}. Complexity: O(k log k).
 *
 * @throws {InvalidStatisticInputError} when lengths differ, a value is not finite, a weight is negative
 * or non-finite, or a weight vector sums to zero.
 * @example
 * wasserstein1Weighted([0, 1, 2], [1, 0, 0], [0, 0, 1]); // 2
 */
export function wasserstein1Weighted(
  values: readonly number[],
  referenceWeights: readonly number[],
  currentWeights: readonly number[],
): number {
  const k = values.length;
  if (referenceWeights.length !== k || currentWeights.length !== k) {
    throw new InvalidStatisticInputError(
      `values and weights must have the same length (${k}, ${referenceWeights.length}, ${currentWeights.length})`,
    );
  }
  assertFiniteSample(values, 'values');
  const totalReference = assertCountVector(referenceWeights, 'reference weights');
  const totalCurrent = assertCountVector(currentWeights, 'current weights');
  if (totalReference <= 0 || totalCurrent <= 0) {
    throw new InvalidStatisticInputError('weights must have a positive sum');
  }
  const order = Array.from({ length: k }, (_, index) => index);
  // Histograms pass their support in increasing order; the sort is stable, so it would leave it unchanged.
  if (!isNonDecreasing(values)) order.sort((x, y) => (values[x] ?? 0) - (values[y] ?? 0));
  const sum = new CompensatedSum();
  let cumulativeReference = 0;
  let cumulativeCurrent = 0;
  let position = 0;
  while (position < k) {
    const value = values[order[position] ?? 0] ?? 0;
    // Absorb every support point equal to `value` before measuring the gap to the next one.
    while (position < k && values[order[position] ?? 0] === value) {
      const index = order[position] ?? 0;
      cumulativeReference += referenceWeights[index] ?? 0;
      cumulativeCurrent += currentWeights[index] ?? 0;
      position++;
    }
    if (position < k) {
      const next = values[order[position] ?? 0] ?? 0;
      sum.add(
        Math.abs(cumulativeReference / totalReference - cumulativeCurrent / totalCurrent) * (next - value),
      );
    }
  }
  return sum.value();
}

function isNonDecreasing(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}

export interface NormalizedWassersteinResult {
  /** W1 / std(reference) when `normalized`, otherwise the raw W1 (see below). */
  value: number;
  /** W1 in the feature's unit. */
  rawDistance: number;
  /** Sample standard deviation of the reference (ddof = 1); 0 for a constant or single-value reference. */
  referenceStd: number;
  /** False when the reference has no spread, so `value` is the raw distance and is not unit-free. */
  normalized: boolean;
}

/**
 * Wasserstein distance in units of the reference standard deviation, W1 / s_ref with s_ref the sample
 * standard deviation (ddof = 1), so one threshold (e.g. 0.1 σ, Evidently's default) fits every numeric
 * feature.
 *
 * Degenerate reference: when the reference is constant (or has a single value) s_ref = 0 and the ratio
 * is undefined. We then return the raw distance with `normalized: false` — never NaN or Infinity — so
 * a caller can alert on any movement away from the constant and label it as an absolute distance.
 *
 * Source: Evidently AI documentation, "Wasserstein distance (normed)". Complexity: O((n + m) log(n + m)).
 *
 * @throws {InvalidStatisticInputError} as {@link wasserstein1}.
 * @example
 * normalizedWasserstein1([1, 2, 3, 4], [2, 3, 4, 5]);
 * // { value: 0.7745966692414834, rawDistance: 1, referenceStd: 1.2909944487358056, normalized: true }
 */
export function normalizedWasserstein1(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): NormalizedWassersteinResult {
  const rawDistance = wasserstein1(reference, current);
  const referenceStd = sampleStandardDeviation(reference);
  if (referenceStd > 0) {
    return { value: rawDistance / referenceStd, rawDistance, referenceStd, normalized: true };
  }
  return { value: rawDistance, rawDistance, referenceStd: 0, normalized: false };
}

/** Two-pass sample standard deviation (ddof = 1), exactly 0 for a constant sample. */
function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) {
    return 0;
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i] ?? 0;
    total += value;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
  }
  if (min === max) {
    // The two-pass formula would return a rounding residue (~1e-17) instead of 0 here.
    return 0;
  }
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] ?? 0) - mean;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / (n - 1));
}

/** Neumaier's improved Kahan summation (Neumaier 1974). */
class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(term: number): void {
    const total = this.sum + term;
    if (Math.abs(this.sum) >= Math.abs(term)) {
      this.compensation += this.sum - total + term;
    } else {
      this.compensation += term - total + this.sum;
    }
    this.sum = total;
  }

  value(): number {
    return this.sum + this.compensation;
  }
}
