import { InvalidStatisticInputError } from '../errors.ts';
import { smirnovSf } from './smirnov.ts';

/**
 * Distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n = sup |F_n − F| for a
 * sample of size n (SciPy's `kstwo`). The two-sample asymptotic p-value evaluates it at
 * n = round(mn / (m + n)), exactly like `scipy.stats.ks_2samp(method='asymp')`.
 *
 * Algorithm selection follows Simard & L'Ecuyer (2011), "Computing the Two-Sided
 * Kolmogorov–Smirnov Distribution", J. Stat. Softw. 39(11), which SciPy also follows:
 * Ruben–Gambino closed forms at the extremes, 2·P(D⁺ ≥ x) (Smirnov / Miller) in the upper tail,
 * Durbin's matrix (Marsaglia, Tsang & Wang 2003) for small n x^{3/2}, Pelz–Good (1976) otherwise.
 * Where Simard & L'Ecuyer use Pomeranz's recursion (n ≤ 140, 0.754693 < nx² ≤ 4) we use Durbin's
 * matrix too: both are exact, so the results agree to rounding.
 */

const SMALL_N = 140;
const DURBIN_MAX_N = 100_000;
const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;

/**
 * Survival function P(D_n ≥ x) of the two-sided one-sample KS statistic — `scipy.stats.kstwo.sf(x, n)`.
 *
 * Source: Simard & L'Ecuyer (2011), algorithm for the complementary CDF (see module comment).
 * Complexity: O(1) in the tails, O(k³ log n) with k = ⌈nx⌉ for Durbin's matrix (k ≤ 118 in the
 * region where it is selected), O(n) at most for the Smirnov sum.
 *
 * @throws {InvalidStatisticInputError} when n is not a positive integer or x is NaN.
 * @example
 * kolmogorovSmirnovSf(10, 0.3); // ≈ 0.2705356
 */
export function kolmogorovSmirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 1 || Number.isNaN(x)) {
    throw new InvalidStatisticInputError(
      `kolmogorovSmirnovSf needs an integer n ≥ 1 and a number x, got n=${n}`,
    );
  }
  if (x >= 1) {
    return 0;
  }
  if (x <= 0) {
    return 1;
  }
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) {
      return 1;
    }
    // Ruben & Gambino (1982): P(D_n ≤ x) = n!/n^n (2t − 1)^n for 1/2n ≤ x ≤ 1/n.
    return clip(1 - factorialRatioTimesPower(n, 2 * t - 1));
  }
  if (t >= n - 1) {
    // Ruben & Gambino (1982): P(D_n ≥ x) = 2 (1 − x)^n for x ≥ 1 − 1/n.
    return clip(2 * Math.exp(n * Math.log1p(-x)));
  }
  if (x >= 0.5) {
    // For x ≥ 1/2 the events D⁺ ≥ x and D⁻ ≥ x are disjoint: the doubled one-sided value is exact.
    return clip(2 * smirnovSf(n, x));
  }
  const nxSquared = t * x;
  if (n <= SMALL_N) {
    if (nxSquared <= 4) {
      return clip(1 - durbinCdf(n, x));
    }
    return clip(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) {
    return 0;
  }
  if (nxSquared >= 2.2) {
    return clip(2 * smirnovSf(n, x));
  }
  const cdf = n <= DURBIN_MAX_N && n * x ** 1.5 <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** n!/n^n · base^n, accumulated as a product with power-of-two rescaling so it cannot underflow early. */
function factorialRatioTimesPower(n: number, base: number): number {
  let value = 1;
  let exponent = 0;
  for (let i = 1; i <= n; i++) {
    value *= (i / n) * base;
    if (value === 0) {
      return 0;
    }
    if (value < SCALE_DOWN) {
      value *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return scaleByPowerOfTwo(value, exponent);
}

/**
 * P(D_n < d) by Durbin's (1968) matrix method in the form of Marsaglia, Tsang & Wang (2003):
 * with d = (k − h)/n, k = ⌈nd⌉, the answer is n!/n^n · (H^n)_{kk} for an m×m matrix H, m = 2k − 1.
 * The power is computed by repeated squaring; a separate power-of-two exponent keeps the entries in
 * range (they grow like e^n).
 */
function durbinCdf(n: number, d: number): number {
  const nd = n * d;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let r = 1; r <= m; r++) {
    inverseFactorial[r] = (inverseFactorial[r - 1] ?? 0) / r;
  }
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= Math.min(i + 1, m - 1); j++) {
      matrix[i * m + j] = inverseFactorial[i - j + 1] ?? 0;
    }
  }
  for (let i = 0; i < m; i++) {
    // First column and last row carry the boundary corrections of Durbin's matrix.
    matrix[i * m] = (1 - h ** (i + 1)) * (inverseFactorial[i + 1] ?? 0);
    matrix[(m - 1) * m + (m - 1 - i)] = (1 - h ** (i + 1)) * (inverseFactorial[i + 1] ?? 0);
  }
  matrix[(m - 1) * m] = (1 - 2 * h ** m + Math.max(0, 2 * h - 1) ** m) * (inverseFactorial[m] ?? 0);

  const centre = (k - 1) * m + (k - 1);
  let power = identity(m);
  let powerExponent = 0;
  let base = matrix;
  let baseExponent = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiply(power, base, m);
      powerExponent += baseExponent;
      const scale = rescale(power, centre);
      powerExponent += scale;
    }
    remaining = Math.floor(remaining / 2);
    if (remaining > 0) {
      base = multiply(base, base, m);
      baseExponent *= 2;
      baseExponent += rescale(base, centre);
    }
  }
  let value = power[centre] ?? 0;
  let exponent = powerExponent;
  for (let i = 1; i <= n; i++) {
    value = (i * value) / n;
    if (Math.abs(value) < SCALE_DOWN) {
      value *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return clip(scaleByPowerOfTwo(value, exponent));
}

function identity(m: number): Float64Array<ArrayBuffer> {
  const result = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    result[i * m + i] = 1;
  }
  return result;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const result = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const rowOffset = i * m;
    for (let l = 0; l < m; l++) {
      const factor = a[rowOffset + l] ?? 0;
      if (factor === 0) {
        continue;
      }
      const bOffset = l * m;
      for (let j = 0; j < m; j++) {
        result[rowOffset + j] = (result[rowOffset + j] ?? 0) + factor * (b[bOffset + j] ?? 0);
      }
    }
  }
  return result;
}

/** Divides the matrix by 2^128 while its centre entry is above 2^128; returns the exponent removed. */
function rescale(matrix: Float64Array, centre: number): number {
  let removed = 0;
  while (Math.abs(matrix[centre] ?? 0) > SCALE_UP) {
    for (let i = 0; i < matrix.length; i++) {
      matrix[i] = (matrix[i] ?? 0) * SCALE_DOWN;
    }
    removed += SCALE_EXPONENT;
  }
  return removed;
}

function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let e = exponent;
  while (e > 1000) {
    result *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    result *= 2 ** -1000;
    e += 1000;
  }
  return result * 2 ** e;
}

/**
 * Pelz & Good (1976) approximation of P(D_n ≤ x): K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^{3/2} with
 * z = x√n, each K_i written with Jacobi-theta sums that converge fast for small z (coefficients as
 * given by Simard & L'Ecuyer 2011, section 2.2).
 */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const z8 = z4 * z4;
  if (-PI2 / 8 / z2 < -708) {
    return 0;
  }
  const maxK = Math.ceil((16 * z) / Math.PI);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = maxK; k >= 1; k--) {
    const j = 2 * k - 1; // odd integers
    const j2 = j * j;
    const j4 = j2 * j2;
    const j6 = j4 * j2;
    const weight = Math.exp((-PI2 * j2) / (8 * z2));
    s0 += weight;
    s1 += ((PI2 * j2) / 4 - z2) * weight;
    s2 += (6 * z6 + 2 * z4 + (PI2 * (2 * z4 - 5 * z2) * j2) / 4 + (PI4 * (1 - 2 * z2) * j4) / 16) * weight;
    s3 +=
      ((PI6 * (5 - 30 * z2) * j6) / 64 +
        (PI4 * (-60 * z2 + 212 * z4) * j4) / 16 +
        (PI2 * (135 * z4 - 96 * z6) * j2) / 4 -
        30 * z6 -
        90 * z8) *
      weight;
  }
  let t2 = 0;
  let t3 = 0;
  for (let k = maxK; k >= 1; k--) {
    const k2 = k * k;
    const weight = Math.exp((-PI2 * k2) / (2 * z2));
    t2 += k2 * weight;
    t3 += (3 * z2 - PI2 * k2) * k2 * weight;
  }
  const k0 = (SQRT_2PI / z) * s0;
  const k1 = (SQRT_2PI / (6 * z4)) * s1;
  const k2 = (SQRT_2PI / (72 * z4 * z2 * z)) * s2 - ((PI2 * SQRT_2PI) / (36 * z2 * z)) * t2;
  const k3 = (SQRT_2PI / (6480 * z8 * z2)) * s3 + ((PI2 * SQRT_2PI) / (216 * z6)) * t3;
  const rootN = Math.sqrt(n);
  return k0 + k1 / rootN + k2 / n + k3 / (n * rootN);
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}
