import { InvalidStatisticInputError } from '../errors.ts';
import { kolmogorovSmirnovSf } from './kolmogorov-distribution.ts';
import { sortedCopy } from './validation.ts';

/** How the p-value is obtained; 'auto' picks 'exact' up to {@link KS_MAX_AUTO_EXACT_SIZE}, like SciPy. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

export interface KsTwoSampleResult {
  /** D = sup_x |F_ref(x) − F_cur(x)|, in [0, 1]. */
  statistic: number;
  /** Two-sided p-value in [0, 1]. */
  pValue: number;
  /** The method that produced the p-value (after any fallback). */
  method: 'exact' | 'asymp';
}

/** SciPy's MAX_AUTO_N: method 'auto' is exact while max(n, m) ≤ this size. */
export const KS_MAX_AUTO_EXACT_SIZE = 10_000;

/**
 * Work budget of the exact lattice recursion (cells visited). Within 'auto' (n, m ≤ 10 000) the
 * recursion visits at most ~10⁸ cells, so this cap is only reached with an explicit method 'exact' on
 * bigger samples, where it falls back to the asymptotic distribution instead of running for minutes.
 * (SciPy has no such cap; it only switches when lcm(n, m) overflows int32, which we also do.)
 */
export const KS_EXACT_MAX_LATTICE_CELLS = 250_000_000;

const INT32_MAX = 2_147_483_647;

/**
 * Two-sided two-sample Kolmogorov–Smirnov test of the hypothesis that `reference` and `current` come
 * from the same continuous distribution. Agrees with SciPy 1.10
 * `scipy.stats.ks_2samp(reference, current)` (alternative 'two-sided', method 'auto'): exact p-value
 * when max(n, m) ≤ 10 000, otherwise `kstwo.sf(D, round(nm/(n+m)))`.
 *
 * Ties are handled as SciPy does: both empirical CDFs are evaluated after all copies of a value (right
 * continuous), so the statistic is the usual one; the exact p-value assumes continuity and is therefore
 * conservative with ties (SciPy makes the same assumption).
 *
 * Missing values: pass only finite numbers; callers count nulls/NaN separately and report them as their
 * own signal. The function throws rather than silently dropping them.
 *
 * Source: Hodges (1958), "The significance probability of the Smirnov two-sample test", Ark. Mat. 3;
 * SciPy `ks_2samp` documentation. Complexity: O((n + m) log(n + m)) for the statistic; the exact
 * p-value costs O(n) when n = m and O(m · min(n, 2Dn)) lattice cells otherwise.
 *
 * @throws {InvalidStatisticInputError} when a sample is empty or holds NaN/±Infinity.
 * @example
 * ksTwoSample([1, 2, 3, 4], [5, 6, 7, 8]); // { statistic: 1, pValue: 0.028571428571428577, method: 'exact' }
 */
export function ksTwoSample(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: { method?: KsMethod } = {},
): KsTwoSampleResult {
  const sortedReference = sortedCopy(reference, 'reference');
  const sortedCurrent = sortedCopy(current, 'current');
  const statistic = ksStatisticFromSorted(sortedReference, sortedCurrent);
  return ksPValue(statistic, sortedReference.length, sortedCurrent.length, options.method ?? 'auto');
}

/**
 * KS statistic D = max |c_a/n − c_b/m| over all observed values, from two ascending-sorted samples,
 * by a single merge pass. Each ECDF is evaluated after every copy of a tied value (SciPy's
 * `searchsorted(side='right')`), and the differences are formed in floating point exactly as SciPy
 * forms them so the same D comes out.
 *
 * Source: SciPy `ks_2samp`. Complexity: O(n + m).
 *
 * @throws {InvalidStatisticInputError} when a sample is empty.
 * @example
 * ksStatisticFromSorted([1, 2, 3], [2, 3, 4]); // 0.3333333333333333
 */
export function ksStatisticFromSorted(sortedA: ArrayLike<number>, sortedB: ArrayLike<number>): number {
  const n = sortedA.length;
  const m = sortedB.length;
  if (n === 0 || m === 0) {
    throw new InvalidStatisticInputError('KS statistic needs two non-empty samples');
  }
  let i = 0;
  let j = 0;
  let maxAbove = 0; // max of F_a − F_b
  let maxBelow = 0; // max of F_b − F_a
  while (i < n || j < m) {
    const a = i < n ? (sortedA[i] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    const b = j < m ? (sortedB[j] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
    const value = Math.min(a, b);
    while (i < n && sortedA[i] === value) {
      i++;
    }
    while (j < m && sortedB[j] === value) {
      j++;
    }
    const difference = i / n - j / m;
    if (difference > maxAbove) {
      maxAbove = difference;
    } else if (-difference > maxBelow) {
      maxBelow = -difference;
    }
  }
  return Math.min(1, Math.max(maxBelow, maxAbove));
}

/**
 * Two-sided p-value of a two-sample KS statistic `d` for sample sizes n and m, so a histogram-based
 * KS (which computes D from binned counts) can reuse the exact/asymptotic machinery of
 * {@link ksTwoSample}. Returns the statistic too because the exact path snaps D to the lattice
 * h/lcm(n, m) as SciPy does.
 *
 * - exact: P(D ≥ d) under H0 by counting monotone lattice paths from (0,0) to (m, n) that touch the
 *   band |x/m − y/n| ≥ d (Hodges 1958; probabilities are propagated directly as the fraction of paths
 *   that already touched, Viehmann 2021, arXiv:2102.08037, so there is neither overflow nor
 *   cancellation). For n = m the reflection-principle closed form
 *   2 Σ_{k≥1} (−1)^{k−1} C(2n, n − kh)/C(2n, n) is evaluated in nested (Horner) form.
 * - asymp: `kstwo.sf(d, round(nm/(n + m)))` (see kolmogorov-distribution.ts), as SciPy.
 * - auto: exact when max(n, m) ≤ 10 000.
 *
 * Deviations from SciPy 1.10, both about rounding only: an exact p-value that rounds to 1 + 1 ulp is
 * clipped to 1 (SciPy then discards it and reports the asymptotic value instead), and round(nm/(n+m))
 * is raised to 1 for n = m = 1 (SciPy returns NaN).
 *
 * Complexity: see {@link ksTwoSample}.
 *
 * @throws {InvalidStatisticInputError} when n or m is not a positive integer or d ∉ [0, 1].
 * @example
 * ksPValue(1, 4, 4, 'auto'); // { statistic: 1, pValue: 0.028571428571428577, method: 'exact' }
 */
export function ksPValue(d: number, n: number, m: number, method: KsMethod = 'auto'): KsTwoSampleResult {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(m) || m < 1) {
    throw new InvalidStatisticInputError(`KS sample sizes must be positive integers, got ${n} and ${m}`);
  }
  if (!(d >= 0 && d <= 1)) {
    throw new InvalidStatisticInputError(`KS statistic must lie in [0, 1], got ${d}`);
  }
  let mode: 'exact' | 'asymp' =
    method === 'auto' ? (Math.max(n, m) <= KS_MAX_AUTO_EXACT_SIZE ? 'exact' : 'asymp') : method;
  const g = gcd(n, m);
  const ng = n / g;
  const mg = m / g;
  if (mode === 'exact' && ng >= INT32_MAX / mg) {
    mode = 'asymp';
  }
  let statistic = d;
  if (mode === 'exact') {
    const lcm = ng * m;
    const h = Math.round(d * lcm);
    // Like SciPy, the snapped statistic is kept even if the exact computation then gives up.
    statistic = h / lcm;
    if (h === 0) {
      return { statistic, pValue: 1, method: 'exact' };
    }
    const pValue = exactTwoSidedPValue(n, m, g, h);
    if (pValue !== undefined) {
      return { statistic, pValue, method: 'exact' };
    }
  }
  const larger = Math.max(n, m);
  const smaller = Math.min(n, m);
  const effectiveSize = (larger * smaller) / (larger + smaller);
  const roundedSize = Math.max(1, roundHalfEven(effectiveSize));
  return { statistic, pValue: kolmogorovSmirnovSf(roundedSize, statistic), method: 'asymp' };
}

/** P(D ≥ h/lcm) exactly, or undefined when the lattice is beyond the work budget. */
function exactTwoSidedPValue(n: number, m: number, g: number, h: number): number | undefined {
  if (n === m) {
    return equalSizesPValue(n, h);
  }
  const larger = Math.max(n, m);
  const smaller = Math.min(n, m);
  const bandWidth = Math.min(smaller + 1, Math.ceil((2 * h) / (larger / g)) + 1);
  if ((larger + 1) * bandWidth > KS_EXACT_MAX_LATTICE_CELLS) {
    return undefined;
  }
  return latticeOutsideProbability(larger, smaller, g, h);
}

/**
 * n = m: P(D ≥ h/n) = 2 Σ_{k≥1} (−1)^{k−1} r_k with r_k = C(2n, n − kh)/C(2n, n) (reflection principle,
 * Gnedenko & Korolyuk 1951; Hodges 1958 eq. 2.2). With a_k = r_k / r_{k−1} the alternating sum is
 * 2 a_1 (1 − a_2 (1 − a_3 (…))), evaluated from the innermost term so that nothing cancels.
 */
function equalSizesPValue(n: number, h: number): number {
  const terms = Math.floor(n / h);
  let nested = 0;
  for (let k = terms; k >= 1; k--) {
    // a_k = Π_{j<h} (n − (k−1)h − j) / (n + (k−1)h + j + 1)
    const offset = (k - 1) * h;
    let ratio = 1;
    for (let j = 0; j < h; j++) {
      ratio = (ratio * (n - offset - j)) / (n + offset + j + 1);
    }
    nested = ratio * (1 - nested);
  }
  return Math.min(1, Math.max(0, 2 * nested));
}

/**
 * Fraction of the C(m+n, n) monotone lattice paths from (0,0) to (m, n), m ≥ n, that touch
 * |n x − m y| ≥ h g (i.e. |x/m − y/n| ≥ d). Q(x, y) — the fraction of paths to (x, y) that already
 * touched — obeys Q = (x Q(x−1, y) + y Q(x, y−1)) / (x + y) inside the band and Q = 1 outside, a convex
 * combination that neither overflows nor cancels. One column of the band is kept; entries outside the
 * current band read as 1.
 */
function latticeOutsideProbability(m: number, n: number, g: number, h: number): number {
  const mg = m / g;
  const ng = n / g;
  const column = new Float64Array(n + 1).fill(1);
  // Column x = 0: (0, y) is inside while m·y < h·g, i.e. y < h/mg.
  const firstTop = Math.min(n, ceilDiv(h, mg) - 1);
  for (let y = 0; y <= firstTop; y++) {
    column[y] = 0;
  }
  let previousLow = 0;
  for (let x = 1; x <= m; x++) {
    // Inside ⇔ (ng x − h)/mg < y < (ng x + h)/mg.
    const low = Math.max(0, floorDiv(ng * x - h, mg) + 1);
    const high = Math.min(n, ceilDiv(ng * x + h, mg) - 1);
    if (low > high) {
      return 1;
    }
    let below = 1; // Q(x, low − 1) lies outside the band (unused when low = 0, its weight is 0)
    for (let y = low; y <= high; y++) {
      const value = (x * (column[y] ?? 1) + y * below) / (x + y);
      column[y] = value;
      below = value;
    }
    for (let y = previousLow; y < low; y++) {
      column[y] = 1;
    }
    previousLow = low;
  }
  return Math.min(1, Math.max(0, column[n] ?? 1));
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

function floorDiv(a: number, b: number): number {
  const remainder = ((a % b) + b) % b;
  return (a - remainder) / b;
}

function ceilDiv(a: number, b: number): number {
  return -floorDiv(-a, b);
}

/** numpy.round semantics (ties to even), needed for round(nm/(n+m)) to match SciPy. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) {
    return floor + 1;
  }
  if (fraction < 0.5) {
    return floor;
  }
  return floor % 2 === 0 ? floor : floor + 1;
}
