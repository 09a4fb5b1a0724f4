import { InvalidStatisticInputError } from '../errors.ts';
import { binomialPmf, stirlingError } from './saddle-point.ts';

/** ln of the smallest positive subnormal double: below it exp() underflows to 0 (Cephes MINLOG). */
const MIN_LOG = -745.1332191019412;
/** Above this n the exact sum is replaced by the large-n approximation, as SciPy does. */
export const SMIRNOV_MAX_EXACT_N = 1_000_000;

/**
 * Survival function of the one-sided one-sample Kolmogorov–Smirnov statistic,
 * P(D⁺_n ≥ x), for a sample of size n — `scipy.special.smirnov(n, x)`.
 *
 * Method: the exact Smirnov (1944) / Birnbaum & Tingey (1951) sum
 *   P(D⁺_n ≥ x) = x Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^{v−1} (1 − x − v/n)^{n−v},
 * all of whose terms are positive. Each term is a binomial probability b(v; n, x + v/n) divided by
 * x + v/n, evaluated with Loader's saddle-point formula so it keeps full precision for n up to 10⁶; the
 * sum stops once the remaining terms cannot change it (same stopping rule as van Mulbregt 2018,
 * arXiv:1802.06966, which SciPy implements). Closed forms cover x ≤ 1/n and x ≥ 1 − 1/n; for n > 10⁶
 * the approximation exp(−(6nx + 1)² / 18n) is used, like SciPy.
 *
 * Complexity: O(number of significant terms) ≤ O(n).
 *
 * @throws {InvalidStatisticInputError} when n is not a positive integer or x ∉ [0, 1].
 * @example
 * smirnovSf(10, 0.3); // ≈ 0.1354636
 */
export function smirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 1 || !(x >= 0 && x <= 1)) {
    throw new InvalidStatisticInputError(
      `smirnovSf needs an integer n ≥ 1 and x in [0, 1], got n=${n}, x=${x}`,
    );
  }
  if (n === 1) {
    return 1 - x;
  }
  if (x === 0) {
    return 1;
  }
  if (x === 1) {
    return 0;
  }
  const nx = n * x;
  // The branch tests use the exact product n·x (SciPy decides them in double-double arithmetic too).
  const [productHigh, productLow] = twoProduct(n, x);
  if (productHigh < 1 || (productHigh === 1 && productLow <= 0)) {
    // P(D⁺_n < x) = x (1 + x)^{n−1} when x ≤ 1/n.
    return clip(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  }
  if (-2 * n * x * x < MIN_LOG) {
    return 0;
  }
  if (productHigh > n - 1 || (productHigh === n - 1 && productLow >= 0)) {
    return clip(Math.exp(n * Math.log1p(-x)));
  }
  if (n > SMIRNOV_MAX_EXACT_N) {
    const base = 6 * nx + 1;
    return clip(Math.exp(-(base * base) / 18 / n));
  }
  // v = 0 term, multiplied by x already: (1 − x)^n.
  let sum = Math.exp(n * Math.log1p(-x)) / x;
  const lastTerm = Math.ceil(n - nx) - 1; // largest v with 1 − x − v/n > 0
  const half = n / 2;
  const stirlingOfN = stirlingError(n);
  for (let v = 1; v <= lastTerm; v++) {
    const mu = nx + v; // n (x + v/n)
    const nu = n - v - nx; // n (1 − x − v/n)
    if (nu <= 0) {
      break;
    }
    const term = binomialPmf(v, n, mu, nu, stirlingOfN) / (mu / n);
    sum += term;
    if (term > 0) {
      if (4 * (lastTerm - v + 1) * term < Number.EPSILON * sum && v !== lastTerm) {
        break;
      }
    } else if (v > half) {
      break;
    }
  }
  return clip(x * sum);
}

/**
 * Error-free product a·b = high + low (Dekker 1971, "A floating-point technique for extending the
 * available precision", with Veltkamp's splitting).
 */
function twoProduct(a: number, b: number): [number, number] {
  const high = a * b;
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  const low = aHigh * bHigh - high + aHigh * bLow + aLow * bHigh + aLow * bLow;
  return [high, low];
}

function split(a: number): [number, number] {
  const scaled = 134217729 * a; // 2^27 + 1
  const high = scaled - (scaled - a);
  return [high, a - high];
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}
