import { LN_SQRT_2PI, logGamma } from './log-gamma.ts';

/**
 * Saddle-point building blocks of Loader (2000), "Fast and Accurate Computation of Binomial
 * Probabilities". Writing a binomial or Poisson probability as exp(−stirlingError − deviance) keeps
 * full relative precision where the naive ln C(n, k) + k ln p + … loses digits to cancellation between
 * huge logarithms. The one-sided Smirnov sum and the incomplete-gamma prefactor both need this.
 */

const LN_2PI = 2 * LN_SQRT_2PI;
const SERIES_THRESHOLD = 15;

/**
 * Error of Stirling's formula: δ(n) = ln n! − [(n + ½) ln n − n + ln √(2π)], for n > 0.
 *
 * Source: Loader (2000), section 2 (series for n > 15, direct evaluation below).
 * Complexity: O(1).
 *
 * @example
 * stirlingError(20); // ≈ 0.0041663196919
 */
export function stirlingError(n: number): number {
  if (n <= SERIES_THRESHOLD) {
    return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const n2 = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / n2) / n2) / n2) / n2) / n;
}

/**
 * Deviance term bd0(x, μ) = x ln(x / μ) + μ − x, computed without cancellation when x ≈ μ
 * (Loader 2000, section 3: a series in v = (x − μ)/(x + μ)).
 *
 * Complexity: O(1) amortised (the series converges geometrically in v² < 0.01).
 *
 * @example
 * binomialDeviance(10, 10); // 0
 */
export function binomialDeviance(x: number, mu: number): number {
  if (x === 0) {
    return mu;
  }
  if (Math.abs(x - mu) < 0.1 * (x + mu)) {
    const v = (x - mu) / (x + mu);
    const v2 = v * v;
    let sum = (x - mu) * v;
    let term = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) {
        return next;
      }
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mu) + mu - x;
}

/**
 * Binomial probability C(n, k) p^k (1 − p)^(n − k) for 0 < k < n, given the means μ = np and ν = n(1 − p)
 * directly so callers can pass them without rounding p first. A caller summing over k for a fixed n can
 * pass stirlingError(n) once.
 *
 * Source: Loader (2000), equation (4). Complexity: O(1).
 *
 * @example
 * binomialPmf(3, 10, 5, 5); // C(10,3)/1024 ≈ 0.1171875
 */
export function binomialPmf(
  k: number,
  n: number,
  mu: number,
  nu: number,
  stirlingErrorOfN = stirlingError(n),
): number {
  const lc =
    stirlingErrorOfN -
    stirlingError(k) -
    stirlingError(n - k) -
    binomialDeviance(k, mu) -
    binomialDeviance(n - k, nu);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/**
 * Poisson-like density e^{−λ} λ^a / Γ(a + 1) for real a > 0 and λ ≥ 0 (Loader's dpois_raw).
 * It is the prefactor of the regularized incomplete gamma functions.
 *
 * Source: Loader (2000), equation (3). Complexity: O(1).
 *
 * @example
 * poissonDensity(2, 2); // 2 e^{-2} ≈ 0.2706705664732254
 */
export function poissonDensity(a: number, lambda: number): number {
  if (lambda === 0) {
    return 0;
  }
  return Math.exp(-stirlingError(a) - binomialDeviance(a, lambda)) / Math.sqrt(2 * Math.PI * a);
}
