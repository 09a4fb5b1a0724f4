import { InvalidStatisticInputError } from '../errors.ts';
import { burnRate, burnRateThreshold, exceedsThreshold } from './burn-rate.ts';
import type { AlertSeverity } from './burn-rate-windows.ts';
import type { SliCounts } from './error-budget.ts';
import { exactErrorBudget } from './error-budget.ts';
import { compareRationals, divideRationals, rationalToNumber, toRational } from './exact-decimal.ts';

/** The parts of a burn-rate rule the decision needs; config AlertRules and Workbook rules both fit. */
export interface MultiwindowRule {
  readonly severity: AlertSeverity;
  readonly factor: number;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
}

/** The SLI counts of one rule's two windows, read by the caller from its buckets. */
export interface RuleWindows<R extends MultiwindowRule = MultiwindowRule> {
  readonly rule: R;
  /** Counts over the long window; total may be 0 (no traffic). */
  readonly long: SliCounts;
  /** Counts over the short window; total may be 0. */
  readonly short: SliCounts;
  /**
   * Events behind the long window when its counts are not events — a timeslice SLO counts slices, but the
   * minimum-events guard is about events. Defaults to `long.total`.
   */
  readonly longWindowEvents?: number;
}

export interface MultiwindowInput<R extends MultiwindowRule = MultiwindowRule> {
  /** SLO objective in (0, 1). */
  readonly objective: number;
  /** Fewer events than this in the long window → the rule cannot fire ('insufficient_data'). */
  readonly minEvents: number;
  readonly windows: readonly RuleWindows<R>[];
}

export type RuleStatus = 'firing' | 'ok' | 'insufficient_data';

export interface RuleDecision<R extends MultiwindowRule = MultiwindowRule> {
  readonly rule: R;
  readonly status: RuleStatus;
  /** Burn rate over the long window; null when it had no events. */
  readonly longBurnRate: number | null;
  /** Burn rate over the short window; null when it had no events. */
  readonly shortBurnRate: number | null;
}

export interface MultiwindowDecision<R extends MultiwindowRule = MultiwindowRule> {
  /** One decision per input window pair, in input order. */
  readonly rules: readonly RuleDecision<R>[];
  /** 'page' if any page rule fires, else 'ticket' if any ticket rule fires, else null. */
  readonly highestSeverity: AlertSeverity | null;
  readonly pageFiring: boolean;
  readonly ticketFiring: boolean;
  /**
   * A page and a ticket fire together. The Workbook (ch. 5, table 5-7) notes a fast burn also trips the
   * slower rules and asks for suppression; whether to drop the ticket is the caller's choice.
   */
  readonly ticketSuppressedByPage: boolean;
}

/**
 * Decides which multiwindow, multi-burn-rate rules fire (SRE Workbook ch. 5, approach 6): a rule fires when
 * the burn rate over both its long and its short window strictly exceeds its factor, compared exactly
 * (see exceedsThreshold). A long window with fewer than `minEvents` events (or none) never fires and is
 * reported as 'insufficient_data' — the Workbook's low-traffic caveat, where one failure of ten requests
 * is a 100× burn. An empty short window does not fire ('ok').
 *
 * Complexity: O(r) for r rules.
 * @throws {InvalidStatisticInputError} for an invalid objective, factor, negative minEvents or counts with
 * good > total or negative values.
 * @example
 * evaluateMultiwindowAlert({ objective: 0.999, minEvents: 100, windows: [{ rule: { severity: 'page',
 *   factor: 14.4, longWindowMs: 3_600_000, shortWindowMs: 300_000 },
 *   long: { good: 9_800, total: 10_000 }, short: { good: 800, total: 833 } }] }).highestSeverity // 'page'
 */
export function evaluateMultiwindowAlert<R extends MultiwindowRule>(
  input: MultiwindowInput<R>,
): MultiwindowDecision<R> {
  const { objective, minEvents, windows } = input;
  exactErrorBudget(objective); // validates the objective even when no rule is configured
  if (!(Number.isFinite(minEvents) && minEvents >= 0)) {
    throw new InvalidStatisticInputError(`minEvents must be a finite number ≥ 0 (got ${String(minEvents)})`);
  }
  const rules = windows.map((w): RuleDecision<R> => {
    const threshold = burnRateThreshold(w.rule.factor, objective);
    const longEvents = w.longWindowEvents ?? w.long.total;
    const longBurnRate = burnRateOrNull(w.long, objective);
    const shortBurnRate = burnRateOrNull(w.short, objective);
    let status: RuleStatus;
    if (longEvents <= 0 || longEvents < minEvents || longBurnRate === null) {
      status = 'insufficient_data';
    } else if (
      shortBurnRate !== null &&
      exceedsThreshold(w.long, threshold) &&
      exceedsThreshold(w.short, threshold)
    ) {
      status = 'firing';
    } else {
      status = 'ok';
    }
    return { rule: w.rule, status, longBurnRate, shortBurnRate };
  });
  const pageFiring = rules.some((r) => r.status === 'firing' && r.rule.severity === 'page');
  const ticketFiring = rules.some((r) => r.status === 'firing' && r.rule.severity === 'ticket');
  return {
    rules,
    highestSeverity: pageFiring ? 'page' : ticketFiring ? 'ticket' : null,
    pageFiring,
    ticketFiring,
    ticketSuppressedByPage: pageFiring && ticketFiring,
  };
}

/**
 * The highest burn rate an SLO can show: a 100% error ratio burns at 1 / (1 − objective) (SRE Workbook
 * ch. 5, "Extreme availability goals": at 90% a full outage burns at 10×, so a 14.4× page never fires).
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for an objective outside (0, 1).
 * @example maxAchievableBurnRate(0.999) // 1000
 */
export function maxAchievableBurnRate(objective: number): number {
  return rationalToNumber(divideRationals(toRational(1), exactErrorBudget(objective)));
}

/**
 * Whether a rule can fire at all for an objective: only if factor × (1 − objective) < 1, i.e. some error
 * ratio ≤ 100% exceeds the threshold. A 14.4× rule needs an objective above 1 − 1/14.4 ≈ 93.06%; at 90%
 * a full outage consumes 1.4% of a 30-day budget per hour, short of the 2% the page waits for (SRE
 * Workbook ch. 5, "Extreme availability goals"). Decided exactly: 10× at 90% cannot fire (needs > 100%).
 *
 * Complexity: O(1).
 * @throws {InvalidStatisticInputError} for an invalid factor or objective.
 * @example canEverFire({ factor: 14.4 }, 0.9) // false
 */
export function canEverFire(rule: Pick<MultiwindowRule, 'factor'>, objective: number): boolean {
  return compareRationals(burnRateThreshold(rule.factor, objective).errorRatio, toRational(1)) < 0;
}

function burnRateOrNull(counts: SliCounts, objective: number): number | null {
  if (counts.total === 0 && counts.good === 0) return null;
  return burnRate(counts, objective);
}
