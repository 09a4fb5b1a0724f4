import { InvalidStatisticInputError } from '../errors.ts';
import type { Rational } from './exact-decimal.ts';
import {
  divideRationals,
  multiplyRationals,
  oneMinus,
  rationalToNumber,
  toRational,
} from './exact-decimal.ts';

/**
 * An occurrence-ratio SLI over one window: `good` events out of `total` valid events (SRE Workbook ch. 2,
 * "Implementing SLOs": an SLI is the ratio of good events to valid events). Counts may be fractional
 * (weighted events) but must satisfy 0 ≤ good ≤ total.
 */
export interface SliCounts {
  readonly good: number;
  readonly total: number;
}

/** Everything the alert message and the weekly report say about a budget, computed in one place. */
export interface ErrorBudgetStatus {
  /** bad / total. */
  readonly errorRatio: number;
  /** 1 − objective: the share of events allowed to be bad. */
  readonly errorBudget: number;
  /** total × (1 − objective): how many bad events the observed traffic allows. */
  readonly allowedBad: number;
  readonly bad: number;
  /** bad / allowedBad: 1 means the budget is spent, above 1 overspent. */
  readonly consumed: number;
  /** 1 − consumed; negative when overspent. */
  readonly remaining: number;
}

/**
 * Checks that an objective is a ratio strictly between 0 and 1. An objective of 1 leaves no error budget,
 * so every burn rate would be a division by zero; 0 makes every event good.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} when the objective is not in (0, 1).
 * @example assertObjective(0.999) // ok; assertObjective(99.9) throws
 */
export function assertObjective(objective: number): void {
  if (!(Number.isFinite(objective) && objective > 0 && objective < 1)) {
    throw new InvalidStatisticInputError(
      `objective must be a ratio strictly between 0 and 1, e.g. 0.999 for 99.9% (got ${String(objective)})`,
    );
  }
}

/**
 * Checks SLI counts: finite, 0 ≤ good ≤ total and total > 0. A window without events has no error ratio —
 * callers decide what "no data" means (see the minimum-events guard of the multiwindow alert).
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for negative, non-finite or inconsistent counts, or total = 0.
 * @example assertSliCounts({ good: 999, total: 1000 })
 */
export function assertSliCounts(counts: SliCounts): void {
  const { good, total } = counts;
  if (!(Number.isFinite(good) && Number.isFinite(total))) {
    throw new InvalidStatisticInputError(
      `SLI counts must be finite (got good=${String(good)}, total=${String(total)})`,
    );
  }
  if (total <= 0) {
    throw new InvalidStatisticInputError(
      `an SLI needs at least one event (got total=${String(total)}); an empty window has no error ratio`,
    );
  }
  if (good < 0 || good > total) {
    throw new InvalidStatisticInputError(
      `SLI counts must satisfy 0 ≤ good ≤ total (got good=${String(good)}, total=${String(total)})`,
    );
  }
}

/**
 * Error ratio (total − good) / total of an occurrence SLI. SRE Workbook ch. 5: "the error rate is the
 * ratio of bad events to total events".
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} see {@link assertSliCounts}.
 * @example errorRatio({ good: 9_856, total: 10_000 }) // 0.0144
 */
export function errorRatio(counts: SliCounts): number {
  return rationalToNumber(exactErrorRatio(counts));
}

/**
 * Error budget 1 − objective: the share of events allowed to be bad (SRE Workbook ch. 2). Computed from
 * the decimal the author wrote, so errorBudget(0.999) is exactly the double 0.001, not 0.0010000000000000009.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} see {@link assertObjective}.
 * @example errorBudget(0.999) // 0.001
 */
export function errorBudget(objective: number): number {
  return rationalToNumber(exactErrorBudget(objective));
}

/**
 * Fraction of the error budget the observed events used: bad / (total × (1 − objective)). Over a whole SLO
 * period this is the share of the period's budget spent (SRE Workbook ch. 5: "the error budget gives the
 * number of allowed bad events"). It exceeds 1 when the budget is overspent.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} see {@link assertSliCounts} and {@link assertObjective}.
 * @example budgetConsumed({ good: 7_199, total: 7_200 }, 0.999) // 0.1389 (one failure of 7.2 allowed)
 */
export function budgetConsumed(counts: SliCounts, objective: number): number {
  return rationalToNumber(divideRationals(exactErrorRatio(counts), exactErrorBudget(objective)));
}

/**
 * Fraction of the error budget left: 1 − {@link budgetConsumed}; negative when overspent.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} see {@link assertSliCounts} and {@link assertObjective}.
 * @example budgetRemaining({ good: 9_995, total: 10_000 }, 0.999) // 0.5
 */
export function budgetRemaining(counts: SliCounts, objective: number): number {
  const consumed = divideRationals(exactErrorRatio(counts), exactErrorBudget(objective));
  return rationalToNumber(oneMinus(consumed));
}

/**
 * All budget figures of one SLI window at once (error ratio, budget, allowed and actual bad events,
 * consumed and remaining), each computed exactly and rounded once.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} see {@link assertSliCounts} and {@link assertObjective}.
 * @example errorBudgetStatus({ good: 9_990, total: 10_000 }, 0.999).consumed // 1
 */
export function errorBudgetStatus(counts: SliCounts, objective: number): ErrorBudgetStatus {
  const ratio = exactErrorRatio(counts);
  const budget = exactErrorBudget(objective);
  const consumed = divideRationals(ratio, budget);
  return {
    errorRatio: rationalToNumber(ratio),
    errorBudget: rationalToNumber(budget),
    allowedBad: rationalToNumber(multiplyRationals(toRational(counts.total), budget)),
    bad: counts.total - counts.good,
    consumed: rationalToNumber(consumed),
    remaining: rationalToNumber(oneMinus(consumed)),
  };
}

/** Exact (total − good) / total, shared with the burn-rate module so both round the same way. */
export function exactErrorRatio(counts: SliCounts): Rational {
  assertSliCounts(counts);
  const good = toRational(counts.good);
  const total = toRational(counts.total);
  // (T − G) / T with T = tn/td and G = gn/gd: ((tn·gd − gn·td) / (td·gd)) / (tn/td).
  const bad: Rational = {
    numerator: total.numerator * good.denominator - good.numerator * total.denominator,
    denominator: total.denominator * good.denominator,
  };
  return divideRationals(bad, total);
}

/** Exact 1 − objective from the objective's decimal representation. */
export function exactErrorBudget(objective: number): Rational {
  assertObjective(objective);
  return oneMinus(toRational(objective));
}
