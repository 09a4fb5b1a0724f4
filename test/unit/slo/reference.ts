import { readFileSync } from 'node:fs';

/** Shape of test/fixtures/slo-reference.json, written by test/fixtures/slo_reference.py. */
export interface BurnRateCase {
  readonly bad: number;
  readonly total: number;
  readonly objective: number;
  readonly factor: number;
  /** bad/total > factor × (1 − objective) decided with Python's fractions.Fraction. */
  readonly exceeded: boolean;
  /** The same comparison in IEEE doubles, kept to show where a naive implementation goes wrong. */
  readonly naiveFloatExceeded: boolean;
  readonly burnRate: number;
}

export interface ReplayEvaluation {
  readonly minute: number;
  readonly long: { readonly good: number; readonly total: number };
  readonly short: { readonly good: number; readonly total: number };
  readonly longExceeded: boolean;
  readonly multiwindowFiring: boolean;
}

export interface SloReference {
  readonly burnRateCases: readonly BurnRateCase[];
  readonly workbookScaled: readonly { readonly periodMs: number; readonly factors: readonly number[] }[];
  readonly multiwindowReplay: {
    readonly objective: number;
    readonly factor: number;
    readonly errorsStopAfterMinute: number;
    readonly evaluations: readonly ReplayEvaluation[];
    readonly firstFiringMinute: number;
    readonly lastFiringMinute: number;
    readonly longOnlyLastFiringMinute: number;
  };
  readonly timeslices: {
    readonly threshold: number;
    readonly minSliceEvents: number;
    readonly slices: readonly { readonly value: number; readonly events: number }[];
    readonly expected: {
      readonly good: number;
      readonly bad: number;
      readonly excluded: number;
      readonly evaluated: number;
      readonly events: number;
    };
    readonly objective: number;
    readonly burnRate: number;
  };
}

export const reference: SloReference = JSON.parse(
  readFileSync(new URL('../../fixtures/slo-reference.json', import.meta.url), 'utf8'),
);

/** Relative error |actual − expected| / |expected| (absolute when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
