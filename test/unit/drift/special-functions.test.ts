import { describe, expect, test } from 'vitest';
import { logGamma } from '../../../functions/domain/drift/log-gamma.ts';
import { binomialPmf, poissonDensity, stirlingError } from '../../../functions/domain/drift/saddle-point.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

describe('Function: logGamma', () => {
  test.each(fixture.special.logGamma)('matches scipy.special.gammaln at x=$x', ({ x, value }) => {
    // Act
    const actual = logGamma(x);

    // Assess
    expect(closeTo(actual, value, 1e-13, 1e-14), `${actual} vs ${value}`).toBe(true);
  });

  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws InvalidStatisticInputError at x=%s',
    (x) => {
      // Prepare
      const act = () => logGamma(x);

      // Act & Assess
      expect(act).toThrow(InvalidStatisticInputError);
    },
  );
});

describe('Function: binomialPmf', () => {
  test.each(fixture.special.binomialPmf)(
    'matches scipy.stats.binom.pmf at k=$k, n=$n, p=$p',
    ({ k, n, p, value }) => {
      // Act
      const actual = binomialPmf(k, n, n * p, n * (1 - p));

      // Assess
      expect(closeTo(actual, value, 1e-11), `${actual} vs ${value}`).toBe(true);
    },
  );
});

describe('Function: stirlingError', () => {
  test.each([1, 2, 5, 15, 16, 40])('equals ln n! − (n + ½) ln n + n − ln √(2π) at n=%i', (n) => {
    // Prepare
    let logFactorial = 0;
    for (let k = 2; k <= n; k++) {
      logFactorial += Math.log(k);
    }
    const expected = logFactorial - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);

    // Act
    const actual = stirlingError(n);

    // Assess
    expect(closeTo(actual, expected, 1e-9, 1e-13)).toBe(true);
  });
});

describe('Function: poissonDensity', () => {
  test.each([
    { a: 3, lambda: 2, expected: (Math.exp(-2) * 8) / 6 },
    { a: 10, lambda: 10, expected: (Math.exp(-10) * 1e10) / 3628800 },
  ])('equals e^-λ λ^a / a! for a=$a, λ=$lambda', ({ a, lambda, expected }) => {
    // Act
    const actual = poissonDensity(a, lambda);

    // Assess
    expect(closeTo(actual, expected, 1e-13)).toBe(true);
  });
});
