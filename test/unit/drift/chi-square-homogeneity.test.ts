import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  alignCategoryCounts,
  chiSquareHomogeneity,
} from '../../../functions/domain/drift/chi-square-homogeneity.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

/** Statistic and p-value relative 1e-10 against scipy.stats.chi2_contingency(correction=False). */
const RTOL = 1e-10;

describe('Function: chiSquareHomogeneity', () => {
  test.each(fixture.chiSquare)('matches SciPy chi2_contingency without correction for $name', (c) => {
    // Act
    const result = chiSquareHomogeneity(c.reference, c.current);

    // Assess
    expect(result.dof).toBe(c.dof);
    expect(closeTo(result.statistic, c.statistic, RTOL, 1e-12), `X² ${result.statistic}`).toBe(true);
    expect(closeTo(result.pValue, c.pValue, RTOL), `p ${result.pValue} vs ${c.pValue}`).toBe(true);
  });

  test('does not apply the Yates correction to a 2×2 table', () => {
    // Prepare: Yates would give X² = (|20−15|−0.5)²·(1/15+1/15+1/15+1/15)/... ≠ the plain Pearson value
    const reference = [20, 10];
    const current = [10, 20];

    // Act
    const result = chiSquareHomogeneity(reference, current);

    // Assess: plain Pearson X² = 4 · 5² / 15
    expect(result.statistic).toBeCloseTo(100 / 15, 12);
    expect(result.dof).toBe(1);
  });

  test('is unchanged when the categories are permuted consistently in both samples', () => {
    const counts = fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), {
      minLength: 2,
      maxLength: 12,
    });
    fc.assert(
      fc.property(counts, (pairs) => {
        // Prepare
        fc.pre(pairs.some(([a]) => a > 0) && pairs.some(([, b]) => b > 0));
        const reversed = [...pairs].reverse();

        // Act
        const forward = chiSquareHomogeneity(
          pairs.map(([a]) => a),
          pairs.map(([, b]) => b),
        );
        const backward = chiSquareHomogeneity(
          reversed.map(([a]) => a),
          reversed.map(([, b]) => b),
        );

        // Assess
        expect(backward.dof).toBe(forward.dof);
        expect(closeTo(backward.statistic, forward.statistic, 1e-12, 1e-12)).toBe(true);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  test.each([
    { name: 'different lengths', reference: [1, 2], current: [1, 2, 3] },
    { name: 'a negative count', reference: [1, -2], current: [1, 2] },
    { name: 'a NaN count', reference: [1, Number.NaN], current: [1, 2] },
    { name: 'an all-zero sample', reference: [0, 0], current: [1, 2] },
    { name: 'empty vectors', reference: [], current: [] },
  ])('throws InvalidStatisticInputError on $name', ({ reference, current }) => {
    // Prepare
    const act = () => chiSquareHomogeneity(reference, current);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: alignCategoryCounts', () => {
  test('aligns a Map and a plain object on the sorted union of categories with zeros for unseen ones', () => {
    // Prepare
    const reference = { b: 1, a: 2 };
    const current = new Map([
      ['c', 4],
      ['a', 1],
    ]);

    // Act
    const aligned = alignCategoryCounts(reference, current);

    // Assess
    expect(aligned).toEqual({ categories: ['a', 'b', 'c'], reference: [2, 1, 0], current: [1, 0, 4] });
  });

  test('throws InvalidStatisticInputError on a negative count', () => {
    // Prepare
    const act = () => alignCategoryCounts({ a: -1 }, { a: 2 });

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
