import { readFileSync } from 'node:fs';

/**
 * Typed view of test/fixtures/drift-reference.json, written by test/fixtures/drift_reference.py with
 * SciPy 1.10 / numpy (run `/usr/bin/python3 test/fixtures/drift_reference.py` to regenerate).
 */
export interface DriftFixture {
  psiEpsilon: number;
  ks: {
    name: string;
    reference: number[];
    current: number[];
    method: 'auto' | 'exact' | 'asymp';
    statistic: number;
    pValue: number;
    scipyFellBack: boolean;
    scipyMethod: 'exact' | 'asymp';
    exactPValue?: number;
  }[];
  ksLarge: {
    samples: Record<string, number[]>;
    cases: { name: string; reference: string; current: string; statistic: number; pValue: number }[];
  };
  kstwo: { n: number; x: number; sf: number }[];
  smirnov: { n: number; x: number; sf: number }[];
  chi2: { x: number; dof: number; sf: number }[];
  special: {
    logGamma: { x: number; value: number }[];
    binomialPmf: { k: number; n: number; p: number; value: number }[];
  };
  chiSquare: {
    name: string;
    reference: number[];
    current: number[];
    statistic: number;
    dof: number;
    pValue: number;
  }[];
  psi: { name: string; reference: number[]; current: number[]; epsilon?: number; psi: number }[];
  psiQuantile: {
    name: string;
    reference: number[];
    current: number[];
    bins: number;
    edges: number[];
    psi: number;
  }[];
  jensenShannon: { name: string; p: number[]; q: number[]; distance: number }[];
  hellinger: { name: string; p: number[]; q: number[]; distance: number }[];
  wasserstein: {
    name: string;
    reference: number[];
    current: number[];
    distance: number;
    referenceStd: number;
  }[];
  wassersteinWeighted: {
    name: string;
    values: number[];
    referenceWeights: number[];
    currentWeights: number[];
    distance: number;
  }[];
  multipleTesting: { name: string; pValues: number[]; bh: number[]; holm: number[]; bonferroni: number[] }[];
}

export const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/drift-reference.json', import.meta.url), 'utf8'),
) as DriftFixture;

/** |actual − expected| ≤ absolute + relative·|expected|; returns the error for the assertion message. */
export function closeTo(actual: number, expected: number, relative: number, absolute = 0): boolean {
  return Math.abs(actual - expected) <= absolute + relative * Math.abs(expected);
}

/** Relative error with an absolute floor, for reporting. */
export function relativeError(actual: number, expected: number): number {
  if (expected === 0) {
    return Math.abs(actual);
  }
  return Math.abs(actual - expected) / Math.abs(expected);
}
