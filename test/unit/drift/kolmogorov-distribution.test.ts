import { describe, expect, test } from 'vitest';
import { kolmogorovSmirnovSf } from '../../../functions/domain/drift/kolmogorov-distribution.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

/**
 * Relative 1e-10 against scipy.stats.kstwo.sf. The absolute floor 1e-14 covers the region where the
 * survival function is 1 − CDF (Durbin matrix / Pelz–Good): there only absolute precision is meaningful,
 * and where SciPy uses Pomeranz's recursion and we use Durbin's matrix (both exact) the last digits differ.
 */
const RTOL = 1e-10;
const ATOL = 1e-14;

describe('Function: kolmogorovSmirnovSf', () => {
  test.each(fixture.kstwo)('matches scipy.stats.kstwo.sf at n=$n, x=$x', ({ n, x, sf }) => {
    // Act
    const value = kolmogorovSmirnovSf(n, x);

    // Assess
    expect(closeTo(value, sf, RTOL, ATOL), `${value} vs ${sf}`).toBe(true);
  });

  test.each([
    { x: 0, expected: 1 },
    { x: -0.5, expected: 1 },
    { x: 1, expected: 0 },
    { x: 2, expected: 0 },
  ])('returns $expected at the support boundary x=$x', ({ x, expected }) => {
    // Act
    const value = kolmogorovSmirnovSf(25, x);

    // Assess
    expect(value).toBe(expected);
  });

  test('throws InvalidStatisticInputError for a non-integer sample size', () => {
    // Prepare
    const act = () => kolmogorovSmirnovSf(2.5, 0.3);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
