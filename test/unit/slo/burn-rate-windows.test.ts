import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  burnRateFactor,
  WORKBOOK_BURN_RATE_RULES,
  WORKBOOK_PERIOD_MS,
  workbookRulesForPeriod,
} from '../../../functions/domain/slo/burn-rate-windows.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../functions/domain/slo/durations.ts';
import { reference } from './reference.ts';

describe('Constant: WORKBOOK_BURN_RATE_RULES', () => {
  test('It holds the SRE Workbook table 5-8 rows plus the 1-day ticket of the same section.', () => {
    // Prepare / Act
    const rows = WORKBOOK_BURN_RATE_RULES.map((r) => [
      r.severity,
      r.longWindowMs,
      r.shortWindowMs,
      r.factor,
      r.budgetConsumed,
    ]);

    // Assess
    expect(WORKBOOK_PERIOD_MS).toBe(30 * DAY_MS);
    expect(rows).toEqual([
      ['page', HOUR_MS, 5 * MINUTE_MS, 14.4, 0.02],
      ['page', 6 * HOUR_MS, 30 * MINUTE_MS, 6, 0.05],
      ['ticket', DAY_MS, 2 * HOUR_MS, 3, 0.1],
      ['ticket', 3 * DAY_MS, 6 * HOUR_MS, 1, 0.1],
    ]);
  });

  test.each(WORKBOOK_BURN_RATE_RULES.map((r) => [r.factor, r.budgetConsumed, r.longWindowMs, r] as const))(
    'Its factor %d is exactly budget consumed %d × 30 days / the %i ms long window.',
    (factor, consumed, longWindowMs) => {
      // Prepare / Act
      const derived = burnRateFactor(consumed, WORKBOOK_PERIOD_MS, longWindowMs);

      // Assess
      expect(derived).toBe(factor);
    },
  );

  test.each(WORKBOOK_BURN_RATE_RULES.map((r) => [r.shortWindowMs, r.longWindowMs] as const))(
    'Its short window of %i ms is 1/12 of the long window, as the Workbook advises.',
    (shortWindowMs, longWindowMs) => {
      // Prepare / Act / Assess
      expect(shortWindowMs * 12).toBe(longWindowMs);
    },
  );

  test('It cannot be modified at run time.', () => {
    // Prepare / Act / Assess
    expect(Object.isFrozen(WORKBOOK_BURN_RATE_RULES)).toBe(true);
    expect(WORKBOOK_BURN_RATE_RULES.every((r) => Object.isFrozen(r))).toBe(true);
  });
});

describe('Function: burnRateFactor', () => {
  test.each([
    ['5% of the budget in 1 hour needs 36× (approach 4)', 0.05, HOUR_MS, 36],
    ['5% of the budget over a 36-hour window needs 1× (approach 2)', 0.05, 36 * HOUR_MS, 1],
    ['2% of the budget in 1 hour needs 14.4× (table 5-6)', 0.02, HOUR_MS, 14.4],
  ])('It finds that %s over 30 days.', (_name, consumed, windowMs, expected) => {
    // Prepare / Act
    const factor = burnRateFactor(consumed, 30 * DAY_MS, windowMs);

    // Assess
    expect(factor).toBe(expected);
  });

  test.each([[0], [1.5], [Number.NaN]])('It refuses a budget share of %d.', (consumed) => {
    // Prepare / Act / Assess
    expect(() => burnRateFactor(consumed, 30 * DAY_MS, HOUR_MS)).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: workbookRulesForPeriod', () => {
  test.each(reference.workbookScaled.map((p) => [p.periodMs / DAY_MS, p.periodMs, p.factors] as const))(
    'It scales the factors for a %i-day period as budget × period / window (Python fractions).',
    (_days, periodMs, factors) => {
      // Prepare / Act
      const rules = workbookRulesForPeriod(periodMs);

      // Assess
      expect(rules.map((r) => r.factor)).toEqual(factors);
      expect(rules.map((r) => [r.longWindowMs, r.shortWindowMs, r.budgetConsumed])).toEqual(
        WORKBOOK_BURN_RATE_RULES.map((r) => [r.longWindowMs, r.shortWindowMs, r.budgetConsumed]),
      );
    },
  );

  test('It returns the Workbook table unchanged for 30 days.', () => {
    // Prepare / Act
    const rules = workbookRulesForPeriod(30 * DAY_MS);

    // Assess
    expect(rules).toEqual(WORKBOOK_BURN_RATE_RULES);
  });

  test('It refuses a period shorter than the 3-day window and says to list the rules explicitly.', () => {
    // Prepare / Act
    const attempt = () => workbookRulesForPeriod(2 * DAY_MS);

    // Assess
    expect(attempt).toThrow(InvalidStatisticInputError);
    expect(attempt).toThrow('at least 3d');
  });
});
