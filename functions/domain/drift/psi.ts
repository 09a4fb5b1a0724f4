import { InvalidStatisticInputError } from '../errors.ts';
import { assertAlignedDistributions, sortedCopy } from './validation.ts';

/**
 * Proportion substituted for an empty bin. 1e-4 is the usual convention in PSI tooling (it is what
 * Evidently uses): large enough that ln(p/q) stays bounded (|ln 1e-4| ≈ 9.2), small enough not to mask a
 * genuinely new or vanished bin.
 */
export const PSI_DEFAULT_EPSILON = 1e-4;

/**
 * Population Stability Index of two aligned bin-count vectors:
 *   PSI = Σ_i (p_i − q_i) ln(p_i / q_i),  p = reference / Σ reference,  q = current / Σ current.
 * It is the symmetrised Kullback–Leibler divergence KL(p‖q) + KL(q‖p), so it is ≥ 0 and 0 exactly when
 * the proportions agree. Rule of thumb: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
 *
 * Smoothing: a proportion that is exactly 0 is replaced by `epsilon` (default 1e-4) before the sum,
 * without renormalising the other bins; a bin empty in both samples therefore contributes 0. The
 * reference fixture applies the same rule with numpy.
 *
 * Source: Yurdakul (2018), "Statistical Properties of Population Stability Index", Western Michigan
 * University dissertation; Siddiqi (2006), *Credit Risk Scorecards*. Complexity: O(k).
 *
 * @throws {InvalidStatisticInputError} on different lengths, negative/non-finite counts, an all-zero
 * sample, or epsilon outside (0, 1).
 * @example
 * populationStabilityIndex([50, 50], [40, 60]); // 0.04054651081081643
 */
export function populationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  options: { epsilon?: number } = {},
): number {
  const epsilon = options.epsilon ?? PSI_DEFAULT_EPSILON;
  if (!(epsilon > 0 && epsilon < 1)) {
    throw new InvalidStatisticInputError(`PSI epsilon must lie in (0, 1), got ${epsilon}`);
  }
  const { totalP, totalQ } = assertAlignedDistributions(reference, current);
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    let p = (reference[i] ?? 0) / totalP;
    let q = (current[i] ?? 0) / totalQ;
    if (p === 0) {
      p = epsilon;
    }
    if (q === 0) {
      q = epsilon;
    }
    psi += (p - q) * Math.log(p / q);
  }
  return Math.max(0, psi);
}

/**
 * PSI of two raw samples over quantile bins of the reference sample (deciles by default).
 *
 * Quantile rule: edges are the reference quantiles at k/bins, k = 1…bins − 1, by linear interpolation
 * between order statistics (Hyndman & Fan type 7, numpy's default `np.quantile`); duplicate edges (ties)
 * are merged. Bins are right-closed: value v falls in bin i when e_{i−1} < v ≤ e_i, with open ends
 * (−∞, e_1] and (e_{bins−1}, ∞), so every current value lands in some bin. This is `np.searchsorted(edges,
 * v, side='left')` in the fixture.
 *
 * Complexity: O((n + m) log n).
 *
 * @throws {InvalidStatisticInputError} when a sample is empty or non-finite, or bins is not an integer ≥ 2.
 * @example
 * psiQuantileBins([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 5); // ≈ 3.7345
 */
export function psiQuantileBins(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  bins = 10,
  options: { epsilon?: number } = {},
): number {
  if (!Number.isInteger(bins) || bins < 2) {
    throw new InvalidStatisticInputError(`PSI needs an integer number of bins ≥ 2, got ${bins}`);
  }
  const sortedReference = sortedCopy(reference, 'reference');
  const sortedCurrent = sortedCopy(current, 'current');
  const edges = quantileEdges(sortedReference, bins);
  return populationStabilityIndex(
    countIntoBins(sortedReference, edges),
    countIntoBins(sortedCurrent, edges),
    options,
  );
}

/** Distinct type-7 quantiles at k/bins, with numpy's two-sided lerp so edges match bit for bit. */
function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const n = sorted.length;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const position = (n - 1) * (k / bins);
    let value: number;
    if (position >= n - 1) {
      value = sorted[n - 1] ?? 0;
    } else {
      const lower = Math.floor(position);
      const gamma = position - lower;
      const a = sorted[lower] ?? 0;
      const b = sorted[lower + 1] ?? 0;
      const difference = b - a;
      value = gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
    }
    if (edges.length === 0 || value !== edges[edges.length - 1]) {
      edges.push(value);
    }
  }
  return edges;
}

/** Counts a sorted sample into right-closed bins with a single merge pass. */
function countIntoBins(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] ?? 0;
    while (bin < edges.length && value > (edges[bin] ?? 0)) {
      bin++;
    }
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}
