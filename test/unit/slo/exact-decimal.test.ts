import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  compareRationals,
  divideRationals,
  multiplyRationals,
  oneMinus,
  rationalToNumber,
  toRational,
} from '../../../functions/domain/slo/exact-decimal.ts';

describe('Function: toRational', () => {
  test.each([
    [0.999, 999n, 1000n],
    [14.4, 72n, 5n],
    [0.0144, 9n, 625n],
    [1e-7, 1n, 10_000_000n],
    [1.5e21, 1_500_000_000_000_000_000_000n, 1n],
    [-0.5, -1n, 2n],
    [0.1 + 0.2, 7_500_000_000_000_001n, 25_000_000_000_000_000n],
    [42, 42n, 1n],
  ])('It reads %d as the exact fraction %i/%i of its shortest decimal.', (value, numerator, denominator) => {
    // Prepare / Act
    const rational = toRational(value);

    // Assess
    expect(rational).toEqual({ numerator, denominator });
  });

  test.each([[Number.NaN], [Number.POSITIVE_INFINITY]])('It refuses %d.', (value) => {
    // Prepare / Act / Assess
    expect(() => toRational(value)).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: compareRationals', () => {
  test.each([
    [0.1 + 0.2, 0.3, 1],
    [0.3, 0.1 + 0.2, -1],
    [0.25, 0.25, 0],
    [-1, 1e-300, -1],
  ])('It orders %d against %d as %i.', (a, b, expected) => {
    // Prepare / Act
    const order = compareRationals(toRational(a), toRational(b));

    // Assess
    expect(order).toBe(expected);
  });

  test('It finds 14.4 × (1 − 0.999) exactly equal to 0.0144, where doubles give 0.014400000000000013.', () => {
    // Prepare
    const product = multiplyRationals(toRational(14.4), oneMinus(toRational(0.999)));

    // Act
    const order = compareRationals(product, toRational(0.0144));

    // Assess
    expect(14.4 * (1 - 0.999)).not.toBe(0.0144);
    expect(order).toBe(0);
  });
});

describe('Function: divideRationals', () => {
  test('It divides 0.0144 by 0.001 into exactly 14.4.', () => {
    // Prepare / Act
    const quotient = divideRationals(toRational(0.0144), toRational(0.001));

    // Assess
    expect(quotient).toEqual({ numerator: 72n, denominator: 5n });
  });

  test('It refuses to divide by zero.', () => {
    // Prepare / Act / Assess
    expect(() => divideRationals(toRational(1), toRational(0))).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: rationalToNumber', () => {
  test.each([
    ['1/3', 1n, 3n, 1 / 3],
    ['72/5', 72n, 5n, 14.4],
    ['(10^30 + 1)/10^30', 10n ** 30n + 1n, 10n ** 30n, 1],
    ['(2^60 + 1)/2^61', 2n ** 60n + 1n, 2n ** 61n, 0.5],
    ['1/10^400 (below the smallest double)', 1n, 10n ** 400n, 0],
    // Python: float(Fraction(-10**40, 3)); the double quotient -1e40 / 3 is one ulp away because 1e40 is inexact.
    ['-(10^40)/3', -(10n ** 40n), 3n, -3.333333333333333e39],
  ])('It rounds %s to the nearest double.', (_name, numerator, denominator, expected) => {
    // Prepare / Act
    const value = rationalToNumber({ numerator, denominator });

    // Assess
    expect(value).toBe(expected);
  });

  test('Every normal double survives toRational then rationalToNumber unchanged.', () => {
    // Prepare
    const doubles = fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((x) => x === 0 || Math.abs(x) >= 2.2250738585072014e-308);

    // Act / Assess
    fc.assert(
      fc.property(doubles, (x) => Object.is(rationalToNumber(toRational(x)), x === 0 ? 0 : x)),
      {
        numRuns: 2000,
      },
    );
  });
});
