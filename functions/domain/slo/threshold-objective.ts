import { InvalidStatisticInputError } from '../errors.ts';
import type { SliCounts } from './error-budget.ts';

/** Direction of a threshold objective, named as OpenSLO's `op`: F1 ≥ 0.8 is 'gte', p99 ≤ 2 s is 'lte'. */
export type ThresholdComparison = 'gte' | 'lte';

export interface ThresholdObjective {
  /** The bar each timeslice's metric must meet, e.g. 0.8 for "F1 ≥ 0.8". */
  readonly threshold: number;
  /** @default 'gte' */
  readonly comparison?: ThresholdComparison;
  /** Slices with fewer events are excluded — neither good nor bad — because their metric is noise. */
  readonly minSliceEvents: number;
}

/** The metric of one timeslice and how many events it was computed from. */
export interface Timeslice {
  /** The metric (F1, precision…); null when undefined for the slice (e.g. precision with no positives). */
  readonly value: number | null;
  readonly events: number;
}

export interface TimesliceCounts {
  /** Evaluated slices whose metric met the threshold. */
  readonly good: number;
  /** Evaluated slices whose metric missed the threshold. */
  readonly bad: number;
  /** Slices left out: too few events or an undefined metric. */
  readonly excluded: number;
  /** good + bad: the SLI's denominator. */
  readonly evaluated: number;
  /** Events in the evaluated slices, for the multiwindow minimum-events guard. */
  readonly events: number;
}

/**
 * Relative tolerance when comparing a computed metric with its threshold. Unlike objectives and factors,
 * which are decimals a person wrote and are compared exactly, a metric such as F1 = 2PR / (P + R) carries
 * rounding from its own computation: with tp=6, fp=1, fn=2, F1 is exactly 12/15 = 0.8, but 2PR / (P + R)
 * with P = 6/7 and R = 6/8 gives 0.7999999999999999.
 * 1e-9 is far above double rounding (~1e-16) and far below any meaningful difference in a quality metric.
 */
export const THRESHOLD_RELATIVE_TOLERANCE = 1e-9;

/**
 * Whether a metric meets a threshold (≥ for 'gte', ≤ for 'lte'), allowing a relative error of
 * {@link THRESHOLD_RELATIVE_TOLERANCE} of the threshold so a value that equals the threshold up to
 * rounding counts as meeting it.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for a non-finite value or threshold.
 * @example meetsThreshold((2 * (6 / 7) * (6 / 8)) / (6 / 7 + 6 / 8), 0.8) // true (0.7999999999999999)
 */
export function meetsThreshold(
  value: number,
  threshold: number,
  comparison: ThresholdComparison = 'gte',
): boolean {
  if (!(Number.isFinite(value) && Number.isFinite(threshold))) {
    throw new InvalidStatisticInputError(
      `a threshold comparison needs finite numbers (got value=${String(value)}, threshold=${String(threshold)})`,
    );
  }
  const slack = THRESHOLD_RELATIVE_TOLERANCE * Math.abs(threshold);
  return comparison === 'gte' ? value >= threshold - slack : value <= threshold + slack;
}

/**
 * Timeslice budgeting of a threshold objective (Google Cloud Monitoring's windows-based SLOs; OpenSLO
 * `budgetingMethod: Timeslices` with `timeSliceTarget` and `timeSliceWindow`): each slice is good when its
 * metric meets the threshold, bad when it misses, and excluded when it has fewer than `minSliceEvents`
 * events or no metric — a quiet night is neither a success nor a failure. The SLI is good / evaluated
 * slices; see {@link timesliceSli}.
 *
 * Complexity: O(n) in the number of slices, one pass, no allocation.
 * @throws {InvalidStatisticInputError} for a NaN metric, negative or non-finite event counts, or a
 * negative minSliceEvents.
 * @example
 * countTimeslices([{ value: 0.9, events: 40 }, { value: 0.7, events: 40 }, { value: 0.2, events: 3 }],
 *   { threshold: 0.8, minSliceEvents: 10 }) // { good: 1, bad: 1, excluded: 1, evaluated: 2, events: 80 }
 */
export function countTimeslices(
  slices: readonly Timeslice[],
  objective: ThresholdObjective,
): TimesliceCounts {
  const { threshold, comparison = 'gte', minSliceEvents } = objective;
  if (!(Number.isFinite(minSliceEvents) && minSliceEvents >= 0)) {
    throw new InvalidStatisticInputError(
      `minSliceEvents must be a finite number ≥ 0 (got ${String(minSliceEvents)})`,
    );
  }
  let good = 0;
  let bad = 0;
  let excluded = 0;
  let events = 0;
  for (let i = 0; i < slices.length; i++) {
    const slice = slices[i];
    if (slice === undefined) continue;
    if (!(Number.isFinite(slice.events) && slice.events >= 0)) {
      throw new InvalidStatisticInputError(
        `timeslice ${i}: events must be a finite number ≥ 0 (got ${String(slice.events)})`,
      );
    }
    if (slice.value !== null && Number.isNaN(slice.value)) {
      throw new InvalidStatisticInputError(
        `timeslice ${i}: the metric is NaN; use null for an undefined metric`,
      );
    }
    if (slice.value === null || slice.events === 0 || slice.events < minSliceEvents) {
      excluded++;
      continue;
    }
    if (meetsThreshold(slice.value, threshold, comparison)) good++;
    else bad++;
    events += slice.events;
  }
  return { good, bad, excluded, evaluated: good + bad, events };
}

/**
 * The occurrence counts of a timeslice SLI — good slices out of evaluated slices — so error budget, burn
 * rate and the multiwindow alert apply unchanged (a bad slice is one "bad event").
 *
 * Complexity: O(1).
 * @example timesliceSli({ good: 700, bad: 20, excluded: 0, evaluated: 720, events: 90_000 }) // { good: 700, total: 720 }
 */
export function timesliceSli(counts: TimesliceCounts): SliCounts {
  return { good: counts.good, total: counts.evaluated };
}

/**
 * How many whole timeslices an alert window reads: ceil(window / slice), at least 1. A window shorter than
 * a slice (a 5-minute short window over 1-hour slices) reads the latest slice.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for non-positive durations.
 * @example timeslicesInWindow(6 * 3_600_000, 3_600_000) // 6
 */
export function timeslicesInWindow(windowMs: number, timesliceMs: number): number {
  if (!(Number.isFinite(windowMs) && windowMs > 0 && Number.isFinite(timesliceMs) && timesliceMs > 0)) {
    throw new InvalidStatisticInputError(
      `window and timeslice must be positive durations (got ${String(windowMs)} ms and ${String(timesliceMs)} ms)`,
    );
  }
  return Math.max(1, Math.ceil(windowMs / timesliceMs));
}
