import { InvalidStatisticInputError } from '../errors.ts';

/**
 * An exact fraction numerator / denominator with denominator > 0. SLO thresholds are written by people as
 * decimals (objective 0.999, factor 14.4); binary floating point cannot hold those exactly, so
 * `14.4 * (1 - 0.999)` is 0.014400000000000013, not 0.0144. Comparing in exact fractions makes "an error
 * ratio of exactly 1.44% at 99.9% is a burn of exactly 14.4" hold by construction.
 */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

// Number.prototype.toString gives the shortest decimal that round-trips (ECMA-262 Number::toString),
// e.g. "0.999", "14.4", "1e-7", "1.5e+21": the decimal a person wrote.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * Converts a finite number to the exact fraction of its shortest round-trip decimal representation:
 * `0.999` → 999/1000 (not the binary value 0.99899999999999999911182158029987…). This is the value the
 * configuration author meant. Source: ECMA-262 §6.1.6.1.20 Number::toString (shortest round-trip digits).
 *
 * Complexity: O(d) in the number of decimal digits (at most 17 significant digits plus the exponent).
 * @throws {InvalidStatisticInputError} for NaN or ±Infinity.
 * @example toRational(0.999) // { numerator: 999n, denominator: 1000n }
 */
export function toRational(value: number): Rational {
  if (!Number.isFinite(value)) {
    throw new InvalidStatisticInputError(`cannot take the exact decimal of ${String(value)}`);
  }
  if (Number.isSafeInteger(value)) return { numerator: BigInt(value), denominator: 1n };
  const match = DECIMAL.exec(String(value));
  if (match === null) {
    // Unreachable for finite numbers; kept so a future engine format fails loudly, not silently.
    throw new InvalidStatisticInputError(`cannot read ${String(value)} as a decimal`);
  }
  const [, sign = '', integer = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(`${sign}${integer}${fraction}`);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : reduce({ numerator: digits, denominator: 10n ** BigInt(-exponent) });
}

/**
 * Product of two fractions, reduced. Complexity: O(1) big-integer operations.
 * @example multiplyRationals(toRational(14.4), toRational(0.001)) // 9/625 (= 0.0144)
 */
export function multiplyRationals(a: Rational, b: Rational): Rational {
  return reduce({ numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator });
}

/**
 * Quotient a / b, reduced. Complexity: O(1) big-integer operations.
 * @throws {InvalidStatisticInputError} when b is zero.
 * @example divideRationals(toRational(0.0144), toRational(0.001)) // 72/5 (= 14.4)
 */
export function divideRationals(a: Rational, b: Rational): Rational {
  if (b.numerator === 0n) throw new InvalidStatisticInputError('cannot divide by zero');
  const sign = b.numerator < 0n ? -1n : 1n;
  return reduce({
    numerator: sign * a.numerator * b.denominator,
    denominator: sign * a.denominator * b.numerator,
  });
}

/**
 * 1 − r, exactly: the error budget of an objective. Complexity: O(1).
 * @example oneMinus(toRational(0.999)) // 1/1000
 */
export function oneMinus(r: Rational): Rational {
  return { numerator: r.denominator - r.numerator, denominator: r.denominator };
}

/**
 * Sign of a − b: -1, 0 or 1, by cross-multiplication (no rounding anywhere). Complexity: O(1).
 * @example compareRationals(toRational(0.1 + 0.2), toRational(0.3)) // 1: 0.30000000000000004 > 0.3
 */
export function compareRationals(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left > right ? 1 : left < right ? -1 : 0;
}

/**
 * The double nearest to the fraction (round half to even), so 72/5 gives exactly the double 14.4 and
 * rationalToNumber(toRational(x)) === x. Small terms take one correctly rounded division; large terms an
 * integer division to 65+ bits with a sticky bit, which BigInt → Number then rounds correctly
 * (ECMA-262 §21.1.2.2 Number(bigint); the sticky-bit method is the one of IEEE 754 hardware dividers).
 * Results in the subnormal range (< 2.2e-308) may be off by one ulp: no SLO quantity gets there.
 *
 * Complexity: O(b) in the bit length of the terms.
 * @throws {InvalidStatisticInputError} when the denominator is not positive.
 * @example rationalToNumber({ numerator: 72n, denominator: 5n }) // 14.4
 */
export function rationalToNumber(r: Rational): number {
  const { numerator, denominator } = r;
  if (denominator <= 0n) {
    throw new InvalidStatisticInputError(`a fraction needs a positive denominator (got ${denominator})`);
  }
  if (numerator === 0n) return 0;
  const magnitude = numerator < 0n ? -numerator : numerator;
  const sign = numerator < 0n ? -1 : 1;
  if (magnitude <= MAX_EXACT && denominator <= MAX_EXACT) {
    return Number(numerator) / Number(denominator);
  }
  const shift = 65 - (bitLength(magnitude) - bitLength(denominator));
  const scaledNumerator = shift >= 0 ? magnitude << BigInt(shift) : magnitude;
  const scaledDenominator = shift >= 0 ? denominator : denominator << BigInt(-shift);
  let quotient = scaledNumerator / scaledDenominator;
  // A non-zero remainder sets the lowest bit so the final rounding knows the value lies above a tie.
  if (scaledNumerator % scaledDenominator !== 0n) quotient |= 1n;
  return sign * scaleByPowerOfTwo(Number(quotient), -shift);
}

const MAX_EXACT = 2n ** 53n;

function bitLength(value: bigint): number {
  return value.toString(2).length;
}

/** x · 2^exponent in steps that stay within the double exponent range, so no step overflows early. */
function scaleByPowerOfTwo(x: number, exponent: number): number {
  let result = x;
  let rest = exponent;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

function reduce(r: Rational): Rational {
  const divisor = gcd(r.numerator < 0n ? -r.numerator : r.numerator, r.denominator);
  return divisor <= 1n ? r : { numerator: r.numerator / divisor, denominator: r.denominator / divisor };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}
