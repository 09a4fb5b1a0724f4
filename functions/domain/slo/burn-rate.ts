import { InvalidStatisticInputError } from '../errors.ts';
import type { SliCounts } from './error-budget.ts';
import { exactErrorBudget, exactErrorRatio } from './error-budget.ts';
import type { Rational } from './exact-decimal.ts';
import {
  compareRationals,
  divideRationals,
  multiplyRationals,
  rationalToNumber,
  toRational,
} from './exact-decimal.ts';

/**
 * The error ratio above which a burn-rate rule fires, factor × (1 − objective), held as an exact fraction.
 * Build it once per rule with {@link burnRateThreshold} and test many windows with {@link exceedsThreshold}.
 */
export interface BurnRateThreshold {
  readonly factor: number;
  readonly objective: number;
  readonly errorRatio: Rational;
}

/**
 * Burn rate = error ratio / (1 − objective): how fast, relative to the SLO, the service consumes its error
 * budget; 1 spends exactly the budget over the period (SRE Workbook ch. 5, "Alert on burn rate").
 * Computed as one exact fraction and rounded once, so 144 bad of 10 000 at 99.9% is exactly 14.4.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for invalid counts (see assertSliCounts) or objective.
 * @example burnRate({ good: 9_856, total: 10_000 }, 0.999) // 14.4
 */
export function burnRate(counts: SliCounts, objective: number): number {
  return rationalToNumber(divideRationals(exactErrorRatio(counts), exactErrorBudget(objective)));
}

/**
 * Compiles the threshold of a burn-rate rule, factor × (1 − objective), from the decimals the author wrote
 * (14.4 and 0.999 → exactly 0.0144 = 9/625).
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for a factor that is not finite and positive, or an invalid objective.
 * @example burnRateThreshold(14.4, 0.999).errorRatio // { numerator: 9n, denominator: 625n }
 */
export function burnRateThreshold(factor: number, objective: number): BurnRateThreshold {
  assertFactor(factor);
  return {
    factor,
    objective,
    errorRatio: multiplyRationals(toRational(factor), exactErrorBudget(objective)),
  };
}

/**
 * Whether a window burns strictly faster than the threshold: bad / total > factor × (1 − objective),
 * decided in exact rational arithmetic, so a window exactly at the threshold never fires and the result
 * never flips on floating-point error (SRE Workbook ch. 5 rules use a strict `>`).
 *
 * Complexity: O(1) big-integer operations.
 * @throws {InvalidStatisticInputError} for invalid counts (total must be > 0).
 * @example exceedsThreshold({ good: 9_856, total: 10_000 }, burnRateThreshold(14.4, 0.999)) // false
 */
export function exceedsThreshold(counts: SliCounts, threshold: BurnRateThreshold): boolean {
  return compareRationals(exactErrorRatio(counts), threshold.errorRatio) > 0;
}

/**
 * One-shot form of {@link exceedsThreshold}: bad / total > factor × (1 − objective), exactly.
 *
 * Complexity: O(1) big-integer operations.
 * @throws {InvalidStatisticInputError} for invalid counts, factor or objective.
 * @example exceedsBurnRate({ good: 9_855, total: 10_000 }, 14.4, 0.999) // true (145 bad > 144 allowed)
 */
export function exceedsBurnRate(counts: SliCounts, factor: number, objective: number): boolean {
  return exceedsThreshold(counts, burnRateThreshold(factor, objective));
}

/**
 * Share of a period's error budget spent by burning at `rate` for `windowMs`: rate × window / period
 * (SRE Workbook ch. 5: "the error budget consumed by the time the alert fires is burn rate × alerting
 * window size / period"). 14.4 for 1 h of a 30-day period is 0.02.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for a negative rate or non-positive durations.
 * @example budgetConsumedAtBurnRate(14.4, 3_600_000, 2_592_000_000) // 0.02
 */
export function budgetConsumedAtBurnRate(rate: number, windowMs: number, periodMs: number): number {
  assertNonNegative('burn rate', rate);
  assertPositive('window', windowMs);
  assertPositive('period', periodMs);
  return rationalToNumber(
    divideRationals(multiplyRationals(toRational(rate), toRational(windowMs)), toRational(periodMs)),
  );
}

/**
 * Time until the whole budget is spent at a constant burn rate: period / rate (SRE Workbook ch. 5,
 * table 5-4: at 99.9% over 30 days, rate 1 → 30 days, 2 → 15 days, 10 → 3 days, 1000 → 43 minutes).
 * A rate of 0 never exhausts the budget: Infinity.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for a negative rate or a non-positive period.
 * @example timeToExhaustion(1000, 2_592_000_000) // 2_592_000 ms = 43.2 minutes
 */
export function timeToExhaustion(rate: number, periodMs: number): number {
  assertNonNegative('burn rate', rate);
  assertPositive('period', periodMs);
  if (rate === 0) return Number.POSITIVE_INFINITY;
  return rationalToNumber(divideRationals(toRational(periodMs), toRational(rate)));
}

function assertFactor(factor: number): void {
  if (!(Number.isFinite(factor) && factor > 0)) {
    throw new InvalidStatisticInputError(
      `a burn-rate factor must be a finite number above 0 (got ${String(factor)})`,
    );
  }
}

function assertNonNegative(what: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new InvalidStatisticInputError(`${what} must be finite and ≥ 0 (got ${String(value)})`);
  }
}

function assertPositive(what: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InvalidStatisticInputError(`${what} must be finite and > 0 (got ${String(value)})`);
  }
}
