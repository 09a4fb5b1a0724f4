import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  benjaminiHochberg,
  bonferroni,
  holmBonferroni,
} from '../../../functions/domain/drift/multiple-testing.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 });

function expectAllClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(closeTo(value, expected[i] ?? Number.NaN, 1e-14, 1e-300), `index ${i}: ${value}`).toBe(true);
  });
}

describe('Function: benjaminiHochberg', () => {
  test.each(fixture.multipleTesting)('matches the numpy step-up formula for $name', (c) => {
    // Act
    const adjusted = benjaminiHochberg(c.pValues);

    // Assess
    expectAllClose(adjusted, c.bh);
  });

  test('returns adjusted p-values at least the raw ones, at most 1, and ordered like the raw ones', () => {
    fc.assert(
      fc.property(pValues, (raw) => {
        // Act
        const adjusted = benjaminiHochberg(raw);

        // Assess
        raw.forEach((p, i) => {
          const value = adjusted[i] ?? Number.NaN;
          expect(value).toBeGreaterThanOrEqual(p);
          expect(value).toBeLessThanOrEqual(1);
          raw.forEach((other, j) => {
            if (p < other) {
              expect(value).toBeLessThanOrEqual(adjusted[j] ?? Number.NaN);
            }
          });
        });
      }),
    );
  });

  test('returns an empty list for no p-values', () => {
    // Act
    const adjusted = benjaminiHochberg([]);

    // Assess
    expect(adjusted).toEqual([]);
  });

  test.each([[[0.2, Number.NaN]], [[1.5]], [[-0.1]]])('throws InvalidStatisticInputError on %j', (raw) => {
    // Prepare
    const act = () => benjaminiHochberg(raw);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: holmBonferroni', () => {
  test.each(fixture.multipleTesting)('matches the numpy step-down formula for $name', (c) => {
    // Act
    const adjusted = holmBonferroni(c.pValues);

    // Assess
    expectAllClose(adjusted, c.holm);
  });

  test('lies between the Benjamini–Hochberg and the Bonferroni adjustments', () => {
    fc.assert(
      fc.property(pValues, (raw) => {
        // Act
        const holm = holmBonferroni(raw);
        const bh = benjaminiHochberg(raw);
        const bonf = bonferroni(raw);

        // Assess
        holm.forEach((value, i) => {
          expect(value).toBeGreaterThanOrEqual((bh[i] ?? Number.NaN) * (1 - 1e-15));
          expect(value).toBeLessThanOrEqual((bonf[i] ?? Number.NaN) * (1 + 1e-15));
        });
      }),
    );
  });
});

describe('Function: bonferroni', () => {
  test.each(fixture.multipleTesting)('matches min(1, m p) for $name', (c) => {
    // Act
    const adjusted = bonferroni(c.pValues);

    // Assess
    expectAllClose(adjusted, c.bonferroni);
  });
});
