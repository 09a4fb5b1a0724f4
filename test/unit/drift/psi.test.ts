import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  PSI_DEFAULT_EPSILON,
  populationStabilityIndex,
  psiQuantileBins,
} from '../../../functions/domain/drift/psi.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

/** Relative 1e-12 against the numpy formula in drift_reference.py (same smoothing, same bins). */
const RTOL = 1e-12;
const counts = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 });

describe('Function: populationStabilityIndex', () => {
  test('uses the same epsilon as the reference fixture', () => {
    // Assess
    expect(PSI_DEFAULT_EPSILON).toBe(fixture.psiEpsilon);
  });

  test.each(fixture.psi)('matches the numpy reference for $name', (c) => {
    // Act
    const value = populationStabilityIndex(
      c.reference,
      c.current,
      c.epsilon === undefined ? {} : { epsilon: c.epsilon },
    );

    // Assess
    expect(closeTo(value, c.psi, RTOL, 1e-15), `${value} vs ${c.psi}`).toBe(true);
  });

  test('is non-negative, symmetric and zero for identical bins', () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        // Prepare
        const length = Math.min(a.length, b.length);
        const p = a.slice(0, length);
        const q = b.slice(0, length);
        fc.pre(p.some((v) => v > 0) && q.some((v) => v > 0));

        // Act
        const forward = populationStabilityIndex(p, q);
        const backward = populationStabilityIndex(q, p);
        const self = populationStabilityIndex(p, p);

        // Assess
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(closeTo(backward, forward, 1e-12, 1e-15)).toBe(true);
        expect(self).toBe(0);
      }),
    );
  });

  test.each([
    { name: 'an epsilon of 0', epsilon: 0 },
    { name: 'an epsilon of 1', epsilon: 1 },
  ])('throws InvalidStatisticInputError on $name', ({ epsilon }) => {
    // Prepare
    const act = () => populationStabilityIndex([1, 2], [2, 1], { epsilon });

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: psiQuantileBins', () => {
  test.each(fixture.psiQuantile)('matches numpy quantile bins for $name', (c) => {
    // Act
    const value = psiQuantileBins(c.reference, c.current, c.bins);

    // Assess
    expect(closeTo(value, c.psi, RTOL, 1e-15), `${value} vs ${c.psi}`).toBe(true);
  });

  test('returns 0 when the current sample is the reference sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (sample) => {
          // Act
          const value = psiQuantileBins(sample, sample);

          // Assess
          expect(value).toBe(0);
        },
      ),
    );
  });

  test.each([
    { name: 'one bin', bins: 1 },
    { name: 'a fractional number of bins', bins: 2.5 },
  ])('throws InvalidStatisticInputError on $name', ({ bins }) => {
    // Prepare
    const act = () => psiQuantileBins([1, 2, 3], [1, 2, 3], bins);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
