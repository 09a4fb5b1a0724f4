import { InvalidStatisticInputError } from '../errors.ts';
import { DAY_MS, formatDuration, HOUR_MS, MINUTE_MS } from './durations.ts';
import { divideRationals, multiplyRationals, rationalToNumber, toRational } from './exact-decimal.ts';

/** Pages wake someone up; tickets wait for the next working day (SRE Workbook ch. 5). */
export type AlertSeverity = 'page' | 'ticket';

/**
 * One multiwindow burn-rate rule: fire when the error ratio over both the long and the short window
 * exceeds factor × (1 − objective). The short window makes the alert stop soon after the errors stop.
 */
export interface BurnRateRule {
  readonly severity: AlertSeverity;
  /** Burn-rate factor; the rule fires above factor × (1 − objective). */
  readonly factor: number;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
  /** Share of the period's budget spent by the time a clean long window fires: factor × long / period. */
  readonly budgetConsumed: number;
}

/** The period the Workbook's factors were computed for. */
export const WORKBOOK_PERIOD_MS = 30 * DAY_MS;

/**
 * SRE Workbook ch. 5 "Alerting on SLOs", approach 6 (multiwindow, multi-burn-rate alerts), table 5-8
 * "Recommended parameters for a 99.9% SLO alerting configuration", for a 30-day period:
 * page 2% in 1 h (5 m short window) at 14.4×, page 5% in 6 h (30 m) at 6×, ticket 10% in 3 days (6 h) at 1×.
 * The 1-day row (ticket 10% in 24 h with a 2 h short window at 3×) is in the same section's alerting
 * configuration, though not in table 5-8. Short windows are 1/12 of the long window, as the chapter advises.
 * Each factor equals budgetConsumed × 30 d / longWindow; the unit test checks it exactly.
 */
export const WORKBOOK_BURN_RATE_RULES: readonly BurnRateRule[] = Object.freeze([
  rule('page', 0.02, HOUR_MS, 5 * MINUTE_MS, 14.4),
  rule('page', 0.05, 6 * HOUR_MS, 30 * MINUTE_MS, 6),
  rule('ticket', 0.1, DAY_MS, 2 * HOUR_MS, 3),
  rule('ticket', 0.1, 3 * DAY_MS, 6 * HOUR_MS, 1),
]);

/**
 * The burn-rate factor that spends `budgetConsumed` of a period's budget within `longWindowMs`:
 * budgetConsumed × period / window (SRE Workbook ch. 5: "the error budget consumed by the time the alert
 * fires is burn rate × alerting window size / period", solved for the burn rate). Exact, rounded once:
 * 0.02 × 30 d / 1 h is exactly 14.4.
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for a share outside (0, 1] or non-positive durations.
 * @example burnRateFactor(0.05, 30 * 86_400_000, 3_600_000) // 36
 */
export function burnRateFactor(budgetConsumed: number, periodMs: number, longWindowMs: number): number {
  if (!(Number.isFinite(budgetConsumed) && budgetConsumed > 0 && budgetConsumed <= 1)) {
    throw new InvalidStatisticInputError(
      `the share of budget consumed must be within (0, 1] (got ${String(budgetConsumed)})`,
    );
  }
  for (const [what, value] of [
    ['period', periodMs],
    ['long window', longWindowMs],
  ] as const) {
    if (!(Number.isSafeInteger(value) && value > 0)) {
      throw new InvalidStatisticInputError(
        `${what} must be a positive whole number of ms (got ${String(value)})`,
      );
    }
  }
  return rationalToNumber(
    divideRationals(
      multiplyRationals(toRational(budgetConsumed), toRational(periodMs)),
      toRational(longWindowMs),
    ),
  );
}

/**
 * The Workbook rules for another SLO period: windows and budget shares stay, factors scale with the
 * period (factor = budgetConsumed × period / long window), so "2% of the budget in 1 h" keeps its meaning.
 * For 28 days the page factor becomes 13.44; for 30 days the table is returned unchanged.
 *
 * Complexity: O(r) for r = 4 rules.
 * @throws {InvalidStatisticInputError} when the period is shorter than the longest window (3 days): a
 * window longer than the period would consume more than the whole period's budget.
 * @example workbookRulesForPeriod(28 * 86_400_000)[0]?.factor // 13.44
 */
export function workbookRulesForPeriod(periodMs: number): BurnRateRule[] {
  const longest = Math.max(...WORKBOOK_BURN_RATE_RULES.map((r) => r.longWindowMs));
  if (!(Number.isSafeInteger(periodMs) && periodMs >= longest)) {
    throw new InvalidStatisticInputError(
      `the Workbook windows need an SLO period of at least ${formatDuration(longest)} (got ${String(periodMs)} ms); list the alerting rules explicitly`,
    );
  }
  return WORKBOOK_BURN_RATE_RULES.map((r) => ({
    ...r,
    factor: burnRateFactor(r.budgetConsumed, periodMs, r.longWindowMs),
  }));
}

function rule(
  severity: AlertSeverity,
  budgetConsumed: number,
  longWindowMs: number,
  shortWindowMs: number,
  factor: number,
): BurnRateRule {
  return Object.freeze({ severity, factor, longWindowMs, shortWindowMs, budgetConsumed });
}
