import { type ChiSquareResult, chiSquareHomogeneity } from '../drift/chi-square-homogeneity.ts';
import { hellingerDistance } from '../drift/hellinger.ts';
import { jensenShannonDistance } from '../drift/jensen-shannon.ts';
import { KS_MAX_AUTO_EXACT_SIZE, ksPValue } from '../drift/ks-two-sample.ts';
import { populationStabilityIndex } from '../drift/psi.ts';
import { type NormalizedWassersteinResult, wasserstein1Weighted } from '../drift/wasserstein.ts';
import {
  assertComparable,
  type CoarseBins,
  coarsenHistograms,
  DEFAULT_COARSE_BIN_COUNT,
} from './coarse-bins.ts';
import type { SortedBins, SparseHistogram } from './histogram.ts';
import { binRepresentative } from './log-buckets.ts';

/**
 * Drift statistics between a reference and a current {@link SparseHistogram} (same scheme), i.e. between
 * summed DynamoDB counters, without the raw values. Each function states how far it can be from the same
 * statistic on the raw samples.
 */

/** Two-sample KS test on binned data. */
export interface HistogramKsResult {
  /** max over bin edges of |F_ref − F_cur|: a lower bound of the raw-sample statistic D. */
  readonly statistic: number;
  /** Two-sided p-value of `statistic` (conservative: ≥ the raw-sample p-value, since statistic ≤ D). */
  readonly pValue: number;
  /** 'asymp' when max(n, m) > 10 000 (or the exact lattice is too large), otherwise 'exact'. */
  readonly method: 'exact' | 'asymp';
  readonly n: number;
  readonly m: number;
  /** D − statistic ≤ errorBound = max over bins of max(p_ref(bin), p_cur(bin)). */
  readonly errorBound: number;
}

/** Wasserstein-1 on bin representatives, in the shape of `normalizedWasserstein1`. */
export interface HistogramWassersteinResult extends NormalizedWassersteinResult {
  /**
   * Bound on |rawDistance − W1(raw samples)|: Σ over both histograms of the mean per-value quantisation
   * error, α/(1−α)·|representative| per value (minMagnitude in the zero bin, +Infinity if a value was
   * clamped beyond maxMagnitude).
   */
  readonly errorBound: number;
}

/** Options of the coarse-bin statistics. */
export interface CoarseBinOptions {
  /** Equal-frequency reference bins (default 10, see {@link coarsenHistograms}). */
  readonly binCount?: number;
}

/** Everything {@link histogramDrift} computes, sharing one coarsening. */
export interface HistogramDriftReport {
  readonly ks: HistogramKsResult;
  readonly wasserstein: HistogramWassersteinResult;
  readonly psi: number;
  readonly jensenShannon: number;
  readonly hellinger: number;
  readonly chiSquare: ChiSquareResult;
  readonly coarse: CoarseBins;
}

/**
 * Two-sample Kolmogorov–Smirnov statistic from two binned CDFs: the maximum over bin edges of
 * |F_ref − F_cur|, walking both sorted bin lists once. At a bin edge the binned CDF equals the raw
 * empirical CDF exactly, so the statistic never exceeds the raw D; inside a bin b either CDF can move by at
 * most its mass there, so D − statistic ≤ max(p_ref(b*), p_cur(b*)) for the bin b* straddling the raw
 * supremum, reported as `errorBound` (maximised over all bins). With α = 1 % and a few hundred values per
 * bin-decade this is typically 1–4 %.
 *
 * The p-value comes from `ksPValue(statistic, n, m, method)` with method 'asymp' when max(n, m) > 10 000,
 * else 'exact' (SciPy's `ks_2samp` 'auto' rule); it is conservative for the raw samples.
 *
 * Source: Kolmogorov (1933), Smirnov (1948); SciPy `ks_2samp` docs; binning bound derived from the
 * monotonicity of CDFs. Complexity: O(B_ref + B_cur) after the cached sorts, plus the p-value's cost.
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty or the schemes differ.
 * @example
 * histogramKsTest(SparseHistogram.fromValues([1, 2, 3, 4]), SparseHistogram.fromValues([5, 6, 7, 8]));
 * // { statistic: 1, pValue: 0.0286, method: 'exact', n: 4, m: 4, errorBound: 0.25 }
 */
export function histogramKsTest(reference: SparseHistogram, current: SparseHistogram): HistogramKsResult {
  assertComparable(reference, current);
  const a = reference.sortedBins();
  const b = current.sortedBins();
  const n = reference.total;
  const m = current.total;
  let i = 0;
  let j = 0;
  let cumulativeA = 0;
  let cumulativeB = 0;
  let statistic = 0;
  let errorBound = 0;
  while (i < a.indices.length || j < b.indices.length) {
    const indexA = i < a.indices.length ? (a.indices[i] as number) : Number.POSITIVE_INFINITY;
    const indexB = j < b.indices.length ? (b.indices[j] as number) : Number.POSITIVE_INFINITY;
    const index = Math.min(indexA, indexB);
    let massA = 0;
    let massB = 0;
    if (indexA === index) {
      massA = (a.counts[i++] as number) / n;
      cumulativeA += a.counts[i - 1] as number;
    }
    if (indexB === index) {
      massB = (b.counts[j++] as number) / m;
      cumulativeB += b.counts[j - 1] as number;
    }
    // Same expression as SciPy (cdf1 − cdf2 from counts / size) so ties to the raw D are bit-exact.
    statistic = Math.max(statistic, Math.abs(cumulativeA / n - cumulativeB / m));
    errorBound = Math.max(errorBound, massA, massB);
  }
  const result = ksPValue(statistic, n, m, Math.max(n, m) > KS_MAX_AUTO_EXACT_SIZE ? 'asymp' : 'exact');
  return { statistic, pValue: result.pValue, method: result.method, n, m, errorBound };
}

/**
 * Wasserstein-1 distance between the histograms, placing each bin's mass on its representative:
 * `wasserstein1Weighted(representatives, refCounts, curCounts)`, normalised like `normalizedWasserstein1`
 * by the reference sample standard deviation (ddof = 1) estimated from the histogram.
 *
 * Error: each value moves by at most α|x| (quantile coupling keeps the transport monotone), so
 * |rawDistance − W1(raw)| ≤ α·(mean|x_ref| + mean|x_cur|), reported from the histograms as `errorBound`.
 * This bound is relative to the data's scale, not to W1: two samples inside one bin have W1 > 0 but a
 * binned distance of 0, so a relative-to-W1 bound does not exist. The estimated reference standard
 * deviation is within α·rms(x_ref)·√(n/(n−1)) of the raw one (see `SparseHistogram.standardDeviation`).
 * A reference with fewer than two values or all mass in one bin has referenceStd 0: then `value` is the raw
 * distance and `normalized` is false, exactly as `normalizedWasserstein1` does for a constant sample.
 *
 * Source: Ramdas, García Trillos & Cuturi (2017), Entropy 19(2); SciPy `wasserstein_distance` docs;
 * Evidently "Wasserstein distance (normed)". Complexity: O(B log B) for B = union of occupied bins.
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty or the schemes differ.
 * @example
 * histogramWasserstein(SparseHistogram.fromValues([1, 2, 3]), SparseHistogram.fromValues([2, 3, 4]));
 * // { value: ≈1.016, rawDistance: ≈1.008, referenceStd: ≈0.992, normalized: true, errorBound: ≈0.050 }
 */
export function histogramWasserstein(
  reference: SparseHistogram,
  current: SparseHistogram,
): HistogramWassersteinResult {
  assertComparable(reference, current);
  const a = reference.sortedBins();
  const b = current.sortedBins();
  const values: number[] = [];
  const referenceWeights: number[] = [];
  const currentWeights: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.indices.length || j < b.indices.length) {
    const indexA = i < a.indices.length ? (a.indices[i] as number) : Number.POSITIVE_INFINITY;
    const indexB = j < b.indices.length ? (b.indices[j] as number) : Number.POSITIVE_INFINITY;
    const index = Math.min(indexA, indexB);
    values.push(binRepresentative(index, reference.scheme));
    referenceWeights.push(indexA === index ? (a.counts[i++] as number) : 0);
    currentWeights.push(indexB === index ? (b.counts[j++] as number) : 0);
  }
  const rawDistance = wasserstein1Weighted(values, referenceWeights, currentWeights);
  const referenceStd = reference.total < 2 ? 0 : reference.standardDeviation(1);
  const errorBound = quantisationError(reference, a) + quantisationError(current, b);
  if (referenceStd > 0) {
    return { value: rawDistance / referenceStd, rawDistance, referenceStd, normalized: true, errorBound };
  }
  return { value: rawDistance, rawDistance, referenceStd: 0, normalized: false, errorBound };
}

/**
 * Population Stability Index on the reference-decile coarse bins ({@link coarsenHistograms}), computed by
 * `populationStabilityIndex` (an empty current bin counts as proportion 1e-4; reference bins are never
 * empty by construction).
 *
 * Source: Yurdakul (2018); Siddiqi (2006). Complexity: O(B_ref + B_cur).
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty, the schemes differ, or binCount is invalid.
 * @example
 * histogramPsi(reference, current, { binCount: 10 }); // 0.11 → moderate shift
 */
export function histogramPsi(
  reference: SparseHistogram,
  current: SparseHistogram,
  options: CoarseBinOptions & { readonly epsilon?: number } = {},
): number {
  const coarse = coarsenHistograms(reference, current, options.binCount ?? DEFAULT_COARSE_BIN_COUNT);
  return populationStabilityIndex(coarse.reference, coarse.current, epsilonOption(options.epsilon));
}

/**
 * Jensen–Shannon distance (base 2, in [0, 1]) on the reference-decile coarse bins, computed by
 * `jensenShannonDistance`.
 *
 * Source: Lin (1991), IEEE Trans. Inf. Theory 37(1); SciPy `jensenshannon` docs. Complexity: O(B_ref + B_cur).
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty, the schemes differ, or binCount is invalid.
 * @example
 * histogramJensenShannon(reference, current); // 0.08
 */
export function histogramJensenShannon(
  reference: SparseHistogram,
  current: SparseHistogram,
  options: CoarseBinOptions = {},
): number {
  const coarse = coarsenHistograms(reference, current, options.binCount ?? DEFAULT_COARSE_BIN_COUNT);
  return jensenShannonDistance(coarse.reference, coarse.current);
}

/**
 * Hellinger distance (in [0, 1]) on the reference-decile coarse bins, computed by `hellingerDistance`.
 *
 * Source: Le Cam & Yang (2000), *Asymptotics in Statistics*, §3.2. Complexity: O(B_ref + B_cur).
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty, the schemes differ, or binCount is invalid.
 * @example
 * histogramHellinger(reference, current); // 0.06
 */
export function histogramHellinger(
  reference: SparseHistogram,
  current: SparseHistogram,
  options: CoarseBinOptions = {},
): number {
  const coarse = coarsenHistograms(reference, current, options.binCount ?? DEFAULT_COARSE_BIN_COUNT);
  return hellingerDistance(coarse.reference, coarse.current);
}

/**
 * Pearson χ² homogeneity test on the reference-decile coarse bins, computed by `chiSquareHomogeneity`.
 * The bins are chosen from the reference itself, so the p-value is approximate (slightly conservative);
 * like every test it saturates on large samples, prefer the distances there.
 *
 * Source: Pearson (1900); SciPy `chi2_contingency(correction=False)` docs. Complexity: O(B_ref + B_cur).
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty, the schemes differ, or binCount is invalid.
 * @example
 * histogramChiSquare(reference, current).pValue; // 0.003
 */
export function histogramChiSquare(
  reference: SparseHistogram,
  current: SparseHistogram,
  options: CoarseBinOptions = {},
): ChiSquareResult {
  const coarse = coarsenHistograms(reference, current, options.binCount ?? DEFAULT_COARSE_BIN_COUNT);
  return chiSquareHomogeneity(coarse.reference, coarse.current);
}

/**
 * All drift statistics of two histograms at once, coarsening only once: what the per-minute drift Lambda
 * calls for each numeric feature. See the individual functions for definitions and error bounds.
 *
 * Source: as the individual functions. Complexity: O(B log B) plus the KS p-value's cost.
 *
 * @throws {InvalidStatisticInputError} when a histogram is empty, the schemes differ, or an option is invalid.
 * @example
 * const report = histogramDrift(reference, current);
 * report.wasserstein.value > 0.1 || report.ks.pValue < 0.05; // drift?
 */
export function histogramDrift(
  reference: SparseHistogram,
  current: SparseHistogram,
  options: CoarseBinOptions & { readonly psiEpsilon?: number } = {},
): HistogramDriftReport {
  const coarse = coarsenHistograms(reference, current, options.binCount ?? DEFAULT_COARSE_BIN_COUNT);
  return {
    ks: histogramKsTest(reference, current),
    wasserstein: histogramWasserstein(reference, current),
    psi: populationStabilityIndex(coarse.reference, coarse.current, epsilonOption(options.psiEpsilon)),
    jensenShannon: jensenShannonDistance(coarse.reference, coarse.current),
    hellinger: hellingerDistance(coarse.reference, coarse.current),
    chiSquare: chiSquareHomogeneity(coarse.reference, coarse.current),
    coarse,
  };
}

function epsilonOption(epsilon: number | undefined): { epsilon?: number } {
  return epsilon === undefined ? {} : { epsilon };
}

/** Mean over the histogram's values of the largest possible |representative − value|. */
function quantisationError(histogram: SparseHistogram, bins: SortedBins): number {
  const { alpha, binsPerSign, minMagnitude } = histogram.scheme;
  const { indices, counts } = bins;
  let sum = 0;
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k] as number;
    const count = counts[k] as number;
    if (Math.abs(index) === binsPerSign) return Number.POSITIVE_INFINITY;
    // |x| ≤ |r|/(1 − α) inside a bucket, so α|x| ≤ α|r|/(1 − α); the zero bin holds |x| < minMagnitude.
    sum +=
      count *
      (index === 0
        ? minMagnitude
        : (alpha * Math.abs(binRepresentative(index, histogram.scheme))) / (1 - alpha));
  }
  return sum / histogram.total;
}
