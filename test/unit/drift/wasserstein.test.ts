import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  normalizedWasserstein1,
  wasserstein1,
  wasserstein1Weighted,
} from '../../../functions/domain/drift/wasserstein.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

/** Relative 1e-12 against scipy.stats.wasserstein_distance (numpy sums pairwise, we compensate). */
const RTOL = 1e-12;

describe('Function: wasserstein1', () => {
  test.each(fixture.wasserstein)('matches scipy.stats.wasserstein_distance for $name', (c) => {
    // Act
    const value = wasserstein1(c.reference, c.current);

    // Assess
    expect(closeTo(value, c.distance, RTOL, 1e-15), `${value} vs ${c.distance}`).toBe(true);
  });

  test('equals the size of a shift applied to the whole sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: -500, max: 500 }),
        (sample, shift) => {
          // Act
          const value = wasserstein1(
            sample,
            sample.map((v) => v + shift),
          );

          // Assess
          expect(closeTo(value, Math.abs(shift), 1e-12, 1e-12)).toBe(true);
        },
      ),
    );
  });

  test('is symmetric and non-negative', () => {
    const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        // Act
        const forward = wasserstein1(a, b);
        const backward = wasserstein1(b, a);

        // Assess
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(closeTo(backward, forward, 1e-12, 1e-12)).toBe(true);
      }),
    );
  });

  test.each([
    { name: 'an empty sample', reference: [], current: [1] },
    { name: 'a NaN', reference: [1], current: [Number.NaN] },
    { name: 'an infinity', reference: [Number.NEGATIVE_INFINITY], current: [1] },
  ])('throws InvalidStatisticInputError on $name', ({ reference, current }) => {
    // Prepare
    const act = () => wasserstein1(reference, current);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: wasserstein1Weighted', () => {
  test.each(fixture.wassersteinWeighted)(
    'matches scipy.stats.wasserstein_distance with weights for $name',
    (c) => {
      // Act
      const value = wasserstein1Weighted(c.values, c.referenceWeights, c.currentWeights);

      // Assess
      expect(closeTo(value, c.distance, RTOL, 1e-15), `${value} vs ${c.distance}`).toBe(true);
    },
  );

  test('equals the unweighted distance when each value carries weight one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 }),
        (a, b) => {
          // Prepare
          const values = [...a, ...b];
          const referenceWeights = values.map((_, i) => (i < a.length ? 1 : 0));
          const currentWeights = values.map((_, i) => (i < a.length ? 0 : 1));

          // Act
          const weighted = wasserstein1Weighted(values, referenceWeights, currentWeights);

          // Assess
          expect(closeTo(weighted, wasserstein1(a, b), 1e-12, 1e-12)).toBe(true);
        },
      ),
    );
  });

  test.each([
    { name: 'mismatched lengths', values: [1, 2], u: [1], v: [1, 1] },
    { name: 'all-zero weights', values: [1, 2], u: [0, 0], v: [1, 1] },
    { name: 'a negative weight', values: [1, 2], u: [1, -1], v: [1, 1] },
  ])('throws InvalidStatisticInputError on $name', ({ values, u, v }) => {
    // Prepare
    const act = () => wasserstein1Weighted(values, u, v);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: normalizedWasserstein1', () => {
  test.each(fixture.wasserstein.filter((c) => c.referenceStd > 0))(
    'divides by the numpy ddof=1 standard deviation of the reference for $name',
    (c) => {
      // Act
      const result = normalizedWasserstein1(c.reference, c.current);

      // Assess
      expect(result.normalized).toBe(true);
      expect(closeTo(result.referenceStd, c.referenceStd, 1e-12)).toBe(true);
      expect(closeTo(result.value, c.distance / c.referenceStd, 1e-12)).toBe(true);
    },
  );

  test.each(fixture.wasserstein.filter((c) => c.referenceStd === 0))(
    'returns the raw distance flagged as not normalised for a reference without spread ($name)',
    (c) => {
      // Act
      const result = normalizedWasserstein1(c.reference, c.current);

      // Assess
      expect(result).toEqual({
        value: result.rawDistance,
        rawDistance: result.rawDistance,
        referenceStd: 0,
        normalized: false,
      });
      expect(closeTo(result.value, c.distance, 1e-12, 1e-15)).toBe(true);
    },
  );

  test('reports a constant decimal reference as having no spread rather than a rounding residue', () => {
    // Prepare: the mean of 0.1 repeated is not exactly 0.1 in binary floating point
    const reference = [0.1, 0.1, 0.1];

    // Act
    const result = normalizedWasserstein1(reference, [0.1, 0.2, 0.3]);

    // Assess
    expect(result.normalized).toBe(false);
    expect(Number.isFinite(result.value)).toBe(true);
  });
});
