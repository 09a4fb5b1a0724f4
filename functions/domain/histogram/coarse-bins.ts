import { InvalidStatisticInputError } from '../errors.ts';
import type { SparseHistogram } from './histogram.ts';
import { sameScheme } from './log-buckets.ts';

/**
 * Default number of coarse bins: reference deciles, the PSI convention (Siddiqi 2006) and the default of
 * `psiQuantileBins` in functions/domain/drift/psi.ts.
 */
export const DEFAULT_COARSE_BIN_COUNT = 10;

/** Two histograms regrouped on the same coarse bins, ready for PSI / Jensen–Shannon / Hellinger / χ². */
export interface CoarseBins {
  /**
   * Increasing log-bin indices c₁ < … < c_{k−1}: coarse bin 0 holds log bins ≤ c₁, coarse bin j holds
   * (c_j, c_{j+1}], the last one holds log bins > c_{k−1}. Both ends are open, so every current value lands
   * somewhere even outside the reference range.
   */
  readonly cuts: readonly number[];
  /** Reference count of each coarse bin; every entry is > 0 by construction. */
  readonly reference: number[];
  /** Current count of each coarse bin (may be 0). */
  readonly current: number[];
}

/**
 * Regroups the 2 %-wide log bins of two histograms into at most `binCount` equal-frequency bins of the
 * reference. Comparing raw log bins would make PSI and Jensen–Shannon measure sampling noise: with ~150
 * occupied bins and a few hundred values most bins hold 0–3 counts.
 *
 * Rule (the binned counterpart of `psiQuantileBins`, whose edges are NumPy type-7 reference quantiles at
 * k/binCount): with N reference values, for k = 1 … binCount − 1 the cut c_k is the log bin holding the
 * reference order statistic of 0-based rank ⌊(N − 1)·k / binCount⌋ (exact integer arithmetic), i.e. the bin
 * of `numpy.quantile(reference, k/binCount, method='lower')`. Repeated cuts (a heavy bin spanning several
 * quantiles) are merged and a cut equal to the last reference bin is dropped, so there may be fewer than
 * binCount coarse bins but each one holds reference mass. A log bin is never split, which is the only
 * difference from quantile bins on the raw sample: values sharing a log bin with a quantile all fall on
 * its left.
 *
 * Source: Siddiqi (2006), *Credit Risk Scorecards* (decile binning for PSI); NumPy `quantile` docs.
 * Complexity: O(B_ref + B_cur + binCount) merge passes after the histograms' cached sort (O(B log B)).
 *
 * @throws {InvalidStatisticInputError} when either histogram is empty, their schemes differ, or binCount is
 *   not an integer in [2, 1000].
 * @example
 * coarsenHistograms(SparseHistogram.fromValues([1, 2, 3, 4]), SparseHistogram.fromValues([4, 5]), 2);
 * // { cuts: [bin of 2], reference: [2, 2], current: [0, 2] }
 */
export function coarsenHistograms(
  reference: SparseHistogram,
  current: SparseHistogram,
  binCount = DEFAULT_COARSE_BIN_COUNT,
): CoarseBins {
  if (!Number.isInteger(binCount) || binCount < 2 || binCount > 1000) {
    throw new InvalidStatisticInputError(`coarse bin count must be an integer in [2, 1000], got ${binCount}`);
  }
  assertComparable(reference, current);
  const ref = reference.sortedBins();
  const n = reference.total;
  const last = ref.indices[ref.indices.length - 1] as number;
  const cuts: number[] = [];
  let j = 0;
  let cumulative = ref.counts[0] as number;
  for (let k = 1; k < binCount; k++) {
    const rank = Math.floor(((n - 1) * k) / binCount);
    // Ranks grow with k, so one forward scan finds every holding bin: O(B_ref + binCount).
    while (cumulative <= rank) {
      j++;
      cumulative += ref.counts[j] as number;
    }
    const cut = ref.indices[j] as number;
    if (cut !== last && cut !== cuts[cuts.length - 1]) cuts.push(cut);
  }
  return {
    cuts,
    reference: countInto(ref.indices, ref.counts, cuts),
    current: countInto(...sortedOf(current), cuts),
  };
}

/**
 * Checks that two histograms can be compared: both non-empty and binned with the same scheme.
 *
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when either histogram is empty or their schemes differ.
 * @example
 * assertComparable(SparseHistogram.fromValues([1]), SparseHistogram.fromValues([2])); // passes
 */
export function assertComparable(reference: SparseHistogram, current: SparseHistogram): void {
  if (reference.total === 0) throw new InvalidStatisticInputError('reference histogram is empty');
  if (current.total === 0) throw new InvalidStatisticInputError('current histogram is empty');
  if (!sameScheme(reference.scheme, current.scheme)) {
    throw new InvalidStatisticInputError('reference and current histograms use different bucket schemes');
  }
}

function sortedOf(histogram: SparseHistogram): [Int32Array, Float64Array] {
  const { indices, counts } = histogram.sortedBins();
  return [indices, counts];
}

/** Sums sorted log-bin counts into the coarse bins delimited by `cuts` (right-closed), in one merge pass. */
function countInto(indices: Int32Array, counts: Float64Array, cuts: readonly number[]): number[] {
  const out = new Array<number>(cuts.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i] as number;
    while (bin < cuts.length && index > (cuts[bin] as number)) bin++;
    out[bin] = (out[bin] as number) + (counts[i] as number);
  }
  return out;
}
