import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Shape of test/fixtures/histogram-reference.json, written by test/fixtures/histogram_reference.py. */
export interface SchemeReference {
  readonly alpha: number;
  readonly minMagnitude: number;
  readonly maxMagnitude: number;
  readonly lowestExponent: number;
  readonly highestExponent: number;
  readonly binsPerSign: number;
}

export interface EdgeReference {
  readonly value: number;
  readonly index: number;
  readonly key: string;
  readonly representative: number;
}

export interface QuantilesByMethod {
  readonly lower: readonly number[];
  readonly higher: readonly number[];
  readonly linear: readonly number[];
}

export interface QuantileCase {
  readonly name: string;
  readonly values: readonly number[];
  readonly record: Readonly<Record<string, number>>;
  readonly binCount: number;
  readonly exact: QuantilesByMethod;
  readonly binned: QuantilesByMethod;
  readonly binnedMean: number;
  readonly binnedStd: number;
  readonly binnedSampleStd: number;
  readonly exactMean: number;
  readonly exactStd: number;
  readonly exactSampleStd: number;
  readonly exactRms: number;
  readonly exactMeanAbs: number;
}

export interface DriftCase {
  readonly name: string;
  readonly reference: readonly number[];
  readonly current: readonly number[];
  readonly exact: {
    readonly ks: number;
    readonly ksPValue: number;
    readonly wasserstein: number;
    readonly referenceStd: number;
    readonly referenceRms: number;
    readonly referenceMeanAbs: number;
    readonly currentMeanAbs: number;
  };
  readonly binned: {
    readonly ks: number;
    readonly ksMaxBinMass: number;
    readonly ksPValue: number;
    readonly ksMethod: 'exact' | 'asymp';
    readonly wasserstein: number;
    readonly referenceStd: number;
    readonly normalizedWasserstein: number;
    readonly wassersteinErrorBound: number;
    readonly coarseCuts: readonly number[];
    readonly coarseReference: readonly number[];
    readonly coarseCurrent: readonly number[];
    readonly jensenShannon: number;
    readonly hellinger: number;
    readonly psi: number;
    readonly chiSquare: { readonly statistic: number; readonly dof: number; readonly pValue: number };
  };
}

export interface HistogramReference {
  readonly scheme: SchemeReference & { readonly gamma: number };
  readonly otherScheme: SchemeReference;
  readonly coarseBins: number;
  readonly psiEpsilon: number;
  readonly quantileLevels: readonly number[];
  readonly edges: {
    readonly default: readonly EdgeReference[];
    readonly 'alpha0.05': readonly EdgeReference[];
  };
  readonly quantiles: readonly QuantileCase[];
  readonly drift: readonly DriftCase[];
}

export const reference: HistogramReference = JSON.parse(
  readFileSync(new URL('../../fixtures/histogram-reference.json', import.meta.url), 'utf8'),
);

/**
 * Slack for floating-point rounding on top of a mathematical bound: the bound itself is computed in
 * doubles, and bucket edges come from Math.log, so allow a few ulps relative to the magnitude involved.
 */
export const ROUNDING = 1e-12;

/** Asserts |actual − expected| ≤ 1e-12·max(|expected|, 1e-300): the same number up to rounding. */
export function expectRelativelyClose(actual: number, expected: number, what = 'value'): void {
  expect(Math.abs(actual - expected), `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    ROUNDING * Math.abs(expected),
  );
}

/** Asserts |approximate − exact| ≤ bound (plus rounding slack relative to the bound and the values). */
export function expectWithinBound(approximate: number, exact: number, bound: number, what = 'value'): void {
  const slack = ROUNDING * (Math.abs(exact) + Math.abs(bound));
  expect(
    Math.abs(approximate - exact),
    `${what}: approximation ${approximate}, exact ${exact}, bound ${bound}`,
  ).toBeLessThanOrEqual(bound + slack);
}
