import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  budgetConsumedAtBurnRate,
  burnRate,
  burnRateThreshold,
  exceedsBurnRate,
  exceedsThreshold,
  timeToExhaustion,
} from '../../../functions/domain/slo/burn-rate.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../../functions/domain/slo/durations.ts';
import { reference } from './reference.ts';

const PERIOD_30D = 30 * DAY_MS;
const counts = (bad: number, total: number) => ({ good: total - bad, total });

describe('Function: burnRate', () => {
  // SRE Workbook ch. 5, table 5-4: error rates 0.1%, 0.2%, 1% and 100% at 99.9% are burn rates 1, 2, 10, 1000.
  test.each([
    [counts(1, 1_000), 1],
    [counts(2, 1_000), 2],
    [counts(10, 1_000), 10],
    [counts(1_000, 1_000), 1_000],
    [counts(144, 10_000), 14.4],
  ])('It gives %o at 99.9% a burn rate of exactly %d (Workbook table 5-4).', (window, expected) => {
    // Prepare / Act
    const rate = burnRate(window, 0.999);

    // Assess
    expect(rate).toBe(expected);
  });

  test('It agrees with exact rational arithmetic (Python fractions) on every reference case.', () => {
    // Prepare
    const cases = reference.burnRateCases;

    // Act
    const mismatches = cases.filter((c) => burnRate(counts(c.bad, c.total), c.objective) !== c.burnRate);

    // Assess
    expect(cases.length).toBeGreaterThan(1_000);
    expect(mismatches).toEqual([]);
  });

  test('It scales linearly with the error ratio.', () => {
    // Prepare
    const input = fc
      .record({
        total: fc.integer({ min: 1, max: 1_000_000 }),
        bad: fc.integer({ min: 0, max: 1_000 }),
        k: fc.integer({ min: 1, max: 50 }),
        objective: fc.constantFrom(0.9, 0.95, 0.99, 0.995, 0.999, 0.9999),
      })
      .filter(({ total, bad, k }) => bad * k <= total);

    // Act / Assess
    fc.assert(
      fc.property(input, ({ total, bad, k, objective }) => {
        const single = burnRate(counts(bad, total), objective);
        const scaled = burnRate(counts(bad * k, total), objective);
        return Math.abs(scaled - k * single) <= 1e-12 * Math.max(1, scaled);
      }),
    );
  });
});

describe('Function: exceedsBurnRate', () => {
  test.each([
    ['144 bad of 10,000 (burn exactly 14.4) does not exceed 14.4', 144, 10_000, 0.999, 14.4, false],
    ['145 bad of 10,000 exceeds 14.4', 145, 10_000, 0.999, 14.4, true],
    [
      '3 bad of 10 at 90% (burn exactly 3) does not exceed 3, though 3 × (1 − 0.9) = 0.29999999999999993',
      3,
      10,
      0.9,
      3,
      false,
    ],
    ['6 bad of 10 at 90% (burn exactly 6) does not exceed 6', 6, 10, 0.9, 6, false],
    ['1,441 bad of 100,000 (burn 14.41) exceeds 14.4', 1_441, 100_000, 0.999, 14.4, true],
    [
      '3 bad of 10 at 70% (burn exactly 1) does not exceed 1, though 1 − 0.7 = 0.30000000000000004',
      3,
      10,
      0.7,
      1,
      false,
    ],
    ['0 bad never exceeds', 0, 10_000, 0.999, 0.5, false],
  ])('It decides that %s.', (_name, bad, total, objective, factor, expected) => {
    // Prepare / Act
    const exceeded = exceedsBurnRate(counts(bad, total), factor, objective);

    // Assess
    expect(exceeded).toBe(expected);
  });

  test('It decides every reference case as exact arithmetic does, including those naive doubles get wrong.', () => {
    // Prepare
    const cases = reference.burnRateCases;
    const naiveWouldFail = cases.filter((c) => c.naiveFloatExceeded !== c.exceeded);

    // Act
    const mismatches = cases.filter(
      (c) => exceedsBurnRate(counts(c.bad, c.total), c.factor, c.objective) !== c.exceeded,
    );

    // Assess
    expect(naiveWouldFail.length).toBeGreaterThan(10);
    expect(mismatches).toEqual([]);
  });

  test('It agrees with the burn rate whenever the burn rate is not within rounding of the factor.', () => {
    // Prepare
    const input = fc.record({
      total: fc.integer({ min: 1, max: 1_000_000 }),
      badShare: fc.double({ min: 0, max: 1, noNaN: true }),
      factor: fc.constantFrom(14.4, 6, 3, 1, 36, 2.5),
      objective: fc.constantFrom(0.9, 0.95, 0.99, 0.999),
    });

    // Act / Assess
    fc.assert(
      fc.property(input, ({ total, badShare, factor, objective }) => {
        const window = counts(Math.round(badShare * total), total);
        const rate = burnRate(window, objective);
        fc.pre(Math.abs(rate - factor) > 1e-9 * factor);
        return exceedsBurnRate(window, factor, objective) === rate > factor;
      }),
    );
  });

  test.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('It refuses the factor %d.', (factor) => {
    // Prepare / Act / Assess
    expect(() => exceedsBurnRate(counts(1, 10), factor, 0.999)).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: exceedsThreshold', () => {
  test('A compiled threshold decides many windows like the one-shot comparison.', () => {
    // Prepare
    const threshold = burnRateThreshold(14.4, 0.999);
    const windows = [counts(143, 10_000), counts(144, 10_000), counts(145, 10_000), counts(18, 1_000)];

    // Act
    const decisions = windows.map((w) => exceedsThreshold(w, threshold));

    // Assess
    expect(threshold.errorRatio).toEqual({ numerator: 9n, denominator: 625n });
    expect(decisions).toEqual([false, false, true, true]);
  });
});

describe('Function: budgetConsumedAtBurnRate', () => {
  test.each([
    ['a 14.4 burn for 1 hour spends 2% of a 30-day budget (table 5-6)', 14.4, HOUR_MS, 0.02],
    ['a 6 burn for 6 hours spends 5% (table 5-6)', 6, 6 * HOUR_MS, 0.05],
    ['a 1 burn for 3 days spends 10% (table 5-6)', 1, 3 * DAY_MS, 0.1],
    ['a 36 burn for 1 hour spends 5% (approach 4)', 36, HOUR_MS, 0.05],
    ['a 1 burn over a 36-hour window spends 5% (approach 2)', 1, 36 * HOUR_MS, 0.05],
  ])('It finds that %s, as the SRE Workbook ch. 5 says.', (_name, rate, windowMs, expected) => {
    // Prepare / Act
    const consumed = budgetConsumedAtBurnRate(rate, windowMs, PERIOD_30D);

    // Assess
    expect(consumed).toBe(expected);
  });

  test.each([
    // Table 5-1: "A 0.1% error rate for 10 minutes would alert, while consuming only 0.02% of the monthly error budget."
    [
      'a 0.1% error rate for 10 minutes spends about 0.02%',
      burnRate(counts(1, 1_000), 0.999),
      10 * MINUTE_MS,
      0.0002,
      4,
    ],
    // Table 5-3: "The 100% outage would consume 140% of the 30-day budget in that hour."
    ['a full outage for 1 hour spends about 140%', burnRate(counts(1, 1), 0.999), HOUR_MS, 1.4, 1],
    // "Extreme availability goals": at 90%, "a 100% outage consumes only 1.4% of the budget in that hour".
    ['a full outage for 1 hour at 90% spends about 1.4%', burnRate(counts(1, 1), 0.9), HOUR_MS, 0.014, 3],
  ])(
    'It finds that %s (SRE Workbook ch. 5, rounded as printed).',
    (_name, rate, windowMs, printed, digits) => {
      // Prepare / Act
      const consumed = budgetConsumedAtBurnRate(rate, windowMs, PERIOD_30D);

      // Assess
      expect(consumed).toBeCloseTo(printed, digits);
    },
  );
});

describe('Function: timeToExhaustion', () => {
  // SRE Workbook ch. 5, table 5-4 "Burn rates and time to complete budget exhaustion" (99.9%, 30 days).
  test.each([
    [1, 30 * DAY_MS],
    [2, 15 * DAY_MS],
    [10, 3 * DAY_MS],
    [1_000, 43.2 * MINUTE_MS],
  ])('It spends a 30-day budget at burn rate %d in %i ms (Workbook table 5-4).', (rate, expected) => {
    // Prepare / Act
    const ms = timeToExhaustion(rate, PERIOD_30D);

    // Assess
    expect(ms).toBe(expected);
  });

  test('It finds a full outage exhausts a 99.999% monthly budget in about 26 seconds (Workbook ch. 5).', () => {
    // Prepare
    const rate = burnRate(counts(1, 1), 0.99999);

    // Act
    const ms = timeToExhaustion(rate, PERIOD_30D);

    // Assess
    expect(ms / SECOND_MS).toBeCloseTo(25.92, 10);
  });

  test('It finds a 1% error rate at 99.999% leaves 43 minutes, as for the Workbook canary at 1% of users.', () => {
    // Prepare
    const rate = burnRate(counts(1, 100), 0.99999);

    // Act
    const ms = timeToExhaustion(rate, PERIOD_30D);

    // Assess
    expect(ms / MINUTE_MS).toBeCloseTo(43.2, 10);
  });

  test('It finds a 35× burn spends the 30-day budget in about 20.5 hours (Workbook table 5-5).', () => {
    // Prepare / Act
    const hours = timeToExhaustion(35, PERIOD_30D) / HOUR_MS;

    // Assess
    expect(hours).toBeGreaterThanOrEqual(20.5);
    expect(hours).toBeLessThan(20.6);
  });

  test('It never exhausts the budget at burn rate 0.', () => {
    // Prepare / Act / Assess
    expect(timeToExhaustion(0, PERIOD_30D)).toBe(Number.POSITIVE_INFINITY);
  });
});
