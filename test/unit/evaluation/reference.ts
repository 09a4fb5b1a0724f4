import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Typed view of test/unit/evaluation/fixtures/evaluation-reference.json, written by evaluation_reference.py
 * (scikit-learn 1.2, SciPy 1.10): an events file with the numbers driftwatch must report for it.
 */
export interface WindowReference {
  readonly windowMs: number;
  readonly from: string;
  readonly to: string;
  readonly decisions: number;
  readonly labelled: number;
  readonly quality: { precision: number; recall: number; f1: number; accuracy: number } | null;
  readonly outcomes: Record<string, number>;
  readonly completion: { good: number; total: number };
  readonly latency: [number, number, number] | null;
}

export interface DriftReference {
  readonly feature: string;
  readonly method: string;
  readonly statistic: number;
  readonly pValue: number;
  readonly adjustedPValue: number;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly referenceMissingShare: number;
  readonly currentMissingShare: number;
  readonly drifted: boolean;
}

export interface EvaluationReference {
  readonly asOf: string;
  readonly config: string;
  readonly positiveLabel: string;
  readonly events: readonly Record<string, unknown>[];
  readonly windows: readonly WindowReference[];
  readonly slos: Readonly<Record<string, { good: number; total: number }>>;
  readonly drift: {
    readonly baseline: { from: string; to: string };
    readonly window: { from: string; to: string };
    readonly features: readonly DriftReference[];
  };
}

export function loadEvaluationReference(): EvaluationReference {
  return JSON.parse(
    readFileSync(new URL('./fixtures/evaluation-reference.json', import.meta.url), 'utf8'),
  ) as EvaluationReference;
}

/** |actual − expected| ≤ tolerance · max(1, |expected|): relative for large values, absolute near zero. */
export function expectClose(actual: number | null | undefined, expected: number, tolerance = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}
