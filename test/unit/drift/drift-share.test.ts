import { describe, expect, test } from 'vitest';
import { datasetDriftShare, isDatasetDrifted } from '../../../functions/domain/drift/drift-share.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';

describe('Function: datasetDriftShare', () => {
  test('counts the drifted features and divides by the number of features', () => {
    // Prepare
    const results = [
      { feature: 'age', drifted: true },
      { feature: 'country', drifted: false },
      { feature: 'score', drifted: true },
      { feature: 'latency', drifted: false },
    ];

    // Act
    const share = datasetDriftShare(results);

    // Assess
    expect(share).toEqual({ drifted: 2, total: 4, share: 0.5 });
  });

  test('throws InvalidStatisticInputError when there is no feature result', () => {
    // Prepare
    const act = () => datasetDriftShare([]);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: isDatasetDrifted', () => {
  test.each([
    { share: 0.5, threshold: undefined, expected: true },
    { share: 0.49, threshold: undefined, expected: false },
    { share: 0, threshold: undefined, expected: false },
    { share: 0.3, threshold: 0.3, expected: true },
    { share: 0.29, threshold: 0.3, expected: false },
    { share: 1, threshold: 1, expected: true },
  ])('returns $expected for share $share and threshold $threshold', ({ share, threshold, expected }) => {
    // Act
    const drifted = isDatasetDrifted(share, threshold);

    // Assess
    expect(drifted).toBe(expected);
  });

  test.each([
    { share: 1.2, threshold: 0.5 },
    { share: Number.NaN, threshold: 0.5 },
    { share: 0.5, threshold: 0 },
    { share: 0.5, threshold: 1.5 },
  ])(
    'throws InvalidStatisticInputError for share $share and threshold $threshold',
    ({ share, threshold }) => {
      // Prepare
      const act = () => isDatasetDrifted(share, threshold);

      // Act & Assess
      expect(act).toThrow(InvalidStatisticInputError);
    },
  );
});
