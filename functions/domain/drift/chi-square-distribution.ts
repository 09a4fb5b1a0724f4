import { InvalidStatisticInputError } from '../errors.ts';
import { poissonDensity } from './saddle-point.ts';

const EPSILON = Number.EPSILON;
const TINY = 1e-300;

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0.
 *
 * Method: Press, Teukolsky, Vetterling & Flannery, *Numerical Recipes* (3rd ed., 2007), §6.2 —
 * the power series of P(a, x) for x < a + 1 (then Q = 1 − P, no cancellation there because Q is not
 * small) and the Legendre continued fraction evaluated with the modified Lentz method for x ≥ a + 1.
 * The common prefactor x^a e^{−x} / Γ(a + 1) is Loader's saddle-point form (see saddle-point.ts), which
 * keeps full relative precision for large a, where exp(a ln x − x − ln Γ(a)) would cancel.
 *
 * Complexity: O(√a) iterations in the worst case (x ≈ a), O(1) otherwise.
 *
 * @throws {InvalidStatisticInputError} when a ≤ 0, x < 0, or either is not finite.
 * @example
 * regularizedGammaQ(1, 2); // e^{-2} ≈ 0.1353352832366127
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !Number.isFinite(a) || !(x >= 0) || !Number.isFinite(x)) {
    throw new InvalidStatisticInputError(
      `regularizedGammaQ needs a > 0 and finite x ≥ 0, got a=${a}, x=${x}`,
    );
  }
  if (x === 0) {
    return 1;
  }
  // Enough iterations for the series/fraction to converge when x ≈ a (terms decay like e^{−k²/2a}).
  const maxIterations = 100 + 20 * Math.ceil(Math.sqrt(a));
  const prefactor = poissonDensity(a, x); // x^a e^{-x} / Γ(a + 1)
  if (x < a + 1) {
    // P(a, x) = prefactor · Σ_{k ≥ 0} x^k / ((a + 1)…(a + k))
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= maxIterations; k++) {
      term *= x / (a + k);
      sum += term;
      if (term < sum * EPSILON) {
        break;
      }
    }
    return Math.min(1, Math.max(0, 1 - prefactor * sum));
  }
  // Q(a, x) = (x^a e^{-x} / Γ(a)) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i <= maxIterations; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) {
      d = TINY;
    }
    c = b + an / c;
    if (Math.abs(c) < TINY) {
      c = TINY;
    }
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) {
      break;
    }
  }
  return Math.min(1, Math.max(0, a * prefactor * fraction));
}

/**
 * Survival function of the chi-square distribution, P(χ²_dof ≥ x) = Q(dof/2, x/2).
 *
 * Agrees with `scipy.stats.chi2.sf(x, dof)`. Complexity: see {@link regularizedGammaQ}.
 *
 * @throws {InvalidStatisticInputError} when dof ≤ 0 or x is negative / not finite.
 * @example
 * chiSquareSf(3.841458820694124, 1); // ≈ 0.05
 */
export function chiSquareSf(x: number, dof: number): number {
  if (!(dof > 0) || !Number.isFinite(dof)) {
    throw new InvalidStatisticInputError(`chi-square degrees of freedom must be positive, got ${dof}`);
  }
  if (!(x >= 0) || !Number.isFinite(x)) {
    throw new InvalidStatisticInputError(`chi-square statistic must be finite and ≥ 0, got ${x}`);
  }
  return regularizedGammaQ(dof / 2, x / 2);
}
