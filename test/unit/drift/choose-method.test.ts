import { describe, expect, test } from 'vitest';
import {
  chooseDriftMethod,
  TEST_MAX_EFFECTIVE_SAMPLE_SIZE,
} from '../../../functions/domain/drift/choose-method.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';

describe('Function: chooseDriftMethod', () => {
  test.each([
    { kind: 'numeric', reference: 500, current: 500, expected: 'ks' },
    { kind: 'numeric', reference: 2000, current: 2000, expected: 'ks' },
    { kind: 'numeric', reference: 2002, current: 2002, expected: 'wasserstein' },
    { kind: 'numeric', reference: 1_000_000, current: 900, expected: 'ks' },
    { kind: 'numeric', reference: 1_000_000, current: 50_000, expected: 'wasserstein' },
    { kind: 'categorical', reference: 300, current: 200, expected: 'chi_square' },
    { kind: 'categorical', reference: 100_000, current: 50_000, expected: 'jensen_shannon' },
    { kind: 'boolean', reference: 1000, current: 1000, expected: 'chi_square' },
    { kind: 'boolean', reference: 10_000, current: 10_000, expected: 'jensen_shannon' },
  ] as const)(
    'picks $expected for a $kind feature with $reference reference and $current current values',
    ({ kind, reference, current, expected }) => {
      // Act
      const method = chooseDriftMethod(kind, reference, current);

      // Assess
      expect(method).toBe(expected);
    },
  );

  test('switches at an effective sample size of exactly the named threshold', () => {
    // Prepare: n·m/(n+m) = n/2 for equal sizes
    const atThreshold = 2 * TEST_MAX_EFFECTIVE_SAMPLE_SIZE;

    // Act
    const at = chooseDriftMethod('numeric', atThreshold, atThreshold);
    const above = chooseDriftMethod('numeric', atThreshold + 2, atThreshold + 2);

    // Assess
    expect([at, above]).toEqual(['ks', 'wasserstein']);
  });

  test.each([
    { reference: 0, current: 10 },
    { reference: 10, current: 2.5 },
    { reference: Number.NaN, current: 10 },
  ])('throws InvalidStatisticInputError for sizes $reference and $current', ({ reference, current }) => {
    // Prepare
    const act = () => chooseDriftMethod('numeric', reference, current);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
