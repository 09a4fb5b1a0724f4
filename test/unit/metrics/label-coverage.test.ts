import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { labelCoverage } from '../../../functions/domain/metrics/label-coverage.ts';

describe('Function: labelCoverage', () => {
  test.each([
    [200, 50, 0.25],
    [3, 3, 1],
    [7, 0, 0],
    [3, 1, 1 / 3],
  ])(
    'It gives coverage labelled/decisions for %i decisions and %i labels.',
    (decisions, labelled, expected) => {
      // Prepare
      const counts = { decisions, labelled };

      // Act
      const result = labelCoverage(counts.decisions, counts.labelled);

      // Assess
      expect(result).toEqual({ decisions, labelled, coverage: expected });
    },
  );

  test('It returns a null coverage, not NaN or 0, when there were no decisions.', () => {
    // Prepare
    const decisions = 0;

    // Act
    const result = labelCoverage(decisions, 0);

    // Assess
    expect(result.coverage).toBeNull();
  });

  test.each([
    ['more labels than decisions', 2, 3],
    ['a negative count', -1, 0],
    ['a fractional count', 10, 2.5],
    ['a NaN count', Number.NaN, 0],
  ])('It throws on %s.', (_what, decisions, labelled) => {
    // Prepare
    const counts = { decisions, labelled };

    // Act
    const act = () => labelCoverage(counts.decisions, counts.labelled);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
