import { describe, expect, test } from 'vitest';
import { smirnovSf } from '../../../functions/domain/drift/smirnov.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

/**
 * Relative 1e-9 against scipy.special.smirnov (observed ≤ 1e-10 for normal numbers; SciPy uses
 * double-double arithmetic, we use Loader's saddle-point terms). Results below 1e-300 are subnormal
 * doubles with few significant bits, hence the absolute floor.
 */
const RTOL = 1e-9;
const ATOL = 1e-300;

describe('Function: smirnovSf', () => {
  test.each(fixture.smirnov)('matches scipy.special.smirnov at n=$n, x=$x', ({ n, x, sf }) => {
    // Act
    const value = smirnovSf(n, x);

    // Assess
    expect(closeTo(value, sf, RTOL, ATOL), `${value} vs ${sf}`).toBe(true);
  });

  test('equals 1 − x for a single observation', () => {
    // Act
    const value = smirnovSf(1, 0.3);

    // Assess
    expect(value).toBeCloseTo(0.7, 15);
  });

  test.each([
    { n: 0, x: 0.5 },
    { n: 3, x: 1.5 },
    { n: 3, x: Number.NaN },
  ])('throws InvalidStatisticInputError for n=$n, x=$x', ({ n, x }) => {
    // Prepare
    const act = () => smirnovSf(n, x);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
