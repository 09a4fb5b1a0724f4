import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { chiSquareSf, regularizedGammaQ } from '../../../functions/domain/drift/chi-square-distribution.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

/** Relative 1e-10 against scipy.stats.chi2.sf (observed ≤ 3e-13, down to p ≈ 1e-300). */
const RTOL = 1e-10;

describe('Function: chiSquareSf', () => {
  test.each(fixture.chi2)(
    'matches scipy.stats.chi2.sf at x=$x with $dof degrees of freedom',
    ({ x, dof, sf }) => {
      // Act
      const value = chiSquareSf(x, dof);

      // Assess
      expect(closeTo(value, sf, RTOL), `${value} vs ${sf}`).toBe(true);
    },
  );

  test('is non-increasing in the statistic for any number of degrees of freedom', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (dof, a, b) => {
          // Act
          const low = chiSquareSf(Math.min(a, b), dof);
          const high = chiSquareSf(Math.max(a, b), dof);

          // Assess
          expect(high).toBeLessThanOrEqual(low + 1e-15);
        },
      ),
    );
  });

  test.each([
    { name: 'zero degrees of freedom', x: 1, dof: 0 },
    { name: 'a negative statistic', x: -1, dof: 2 },
    { name: 'a NaN statistic', x: Number.NaN, dof: 2 },
  ])('throws InvalidStatisticInputError on $name', ({ x, dof }) => {
    // Prepare
    const act = () => chiSquareSf(x, dof);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: regularizedGammaQ', () => {
  test.each([
    { a: 1, x: 2, expected: Math.exp(-2) },
    { a: 2, x: 3, expected: 4 * Math.exp(-3) },
    { a: 3, x: 0.5, expected: Math.exp(-0.5) * (1 + 0.5 + 0.125) },
  ])('equals the closed form e^-x Σ_{k<a} x^k/k! for integer a=$a at x=$x', ({ a, x, expected }) => {
    // Act
    const value = regularizedGammaQ(a, x);

    // Assess
    expect(closeTo(value, expected, 1e-14)).toBe(true);
  });

  test('returns 1 at x = 0', () => {
    // Act
    const value = regularizedGammaQ(4.5, 0);

    // Assess
    expect(value).toBe(1);
  });
});
