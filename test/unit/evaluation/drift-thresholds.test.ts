import { describe, expect, test } from 'vitest';
import type { DriftMethod } from '../../../functions/domain/drift/choose-method.ts';
import {
  DEFAULT_DRIFT_THRESHOLDS,
  DRIFT_P_VALUE_ALPHA,
  isTestMethod,
  MISSING_SHARE_DRIFT,
} from '../../../functions/domain/evaluation/drift-thresholds.ts';

describe('Function: isTestMethod', () => {
  test.each<[DriftMethod, boolean, number]>([
    ['ks', true, 0.1],
    ['chi_square', true, 0.1],
    ['wasserstein', false, 0.1],
    ['jensen_shannon', false, 0.1],
    ['psi', false, 0.2],
  ])(
    'It says whether %s needs a significant p-value too (%s) and has the documented default threshold.',
    (method, test_, threshold) => {
      // Prepare
      const input = method;

      // Act
      const result = isTestMethod(input);

      // Assess
      expect(result).toBe(test_);
      expect(DEFAULT_DRIFT_THRESHOLDS[input]).toBe(threshold);
    },
  );

  test('It uses a 5% significance level and a 10-point missing-share change.', () => {
    // Prepare
    const constants = { alpha: DRIFT_P_VALUE_ALPHA, missing: MISSING_SHARE_DRIFT };

    // Act
    const values = Object.values(constants);

    // Assess
    expect(values).toEqual([0.05, 0.1]);
  });
});
