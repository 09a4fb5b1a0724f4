import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Shape of test/fixtures/metrics-reference.json, written by test/fixtures/metrics_reference.py. */
export interface ScoreTriple {
  readonly precision: number;
  readonly recall: number;
  readonly fBeta: number;
}

export interface BinaryReference {
  readonly positiveLabel: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  readonly byBeta: readonly (ScoreTriple & { readonly beta: number })[];
}

export interface MulticlassReference {
  readonly labels: readonly string[];
  readonly accuracy: number;
  readonly byBeta: readonly {
    readonly beta: number;
    readonly perClass: {
      readonly precision: readonly number[];
      readonly recall: readonly number[];
      readonly fBeta: readonly number[];
      readonly support: readonly number[];
    };
    readonly micro: ScoreTriple;
    readonly macro: ScoreTriple;
    readonly weighted: ScoreTriple;
  }[];
}

export interface ClassificationCase {
  readonly name: string;
  readonly yTrue: readonly string[];
  readonly yPred: readonly string[];
  readonly binary: readonly BinaryReference[];
  readonly multiclass: MulticlassReference;
}

export interface PercentileCase {
  readonly name: string;
  readonly values: readonly number[];
  readonly levels: readonly number[];
  readonly expected: readonly number[];
}

export interface MetricsReference {
  readonly classification: readonly ClassificationCase[];
  readonly percentiles: readonly PercentileCase[];
}

export const reference: MetricsReference = JSON.parse(
  readFileSync(new URL('../../fixtures/metrics-reference.json', import.meta.url), 'utf8'),
);

/** Relative tolerance agreed for comparisons with scikit-learn / NumPy. */
export const RELATIVE_TOLERANCE = 1e-12;

/** Asserts |actual − expected| ≤ 1e-12·|expected| (so an expected 0 must be exactly 0). */
export function expectRelativelyClose(actual: number, expected: number, what = 'value'): void {
  const error = Math.abs(actual - expected);
  expect(error, `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    RELATIVE_TOLERANCE * Math.abs(expected),
  );
}
