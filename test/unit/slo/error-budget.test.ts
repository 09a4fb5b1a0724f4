import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  assertObjective,
  budgetConsumed,
  budgetRemaining,
  errorBudget,
  errorBudgetStatus,
  errorRatio,
} from '../../../functions/domain/slo/error-budget.ts';

describe('Function: errorRatio', () => {
  test.each([
    [{ good: 9_856, total: 10_000 }, 0.0144],
    [{ good: 0, total: 7 }, 1],
    [{ good: 7, total: 7 }, 0],
    [{ good: 2.5, total: 10 }, 0.75],
  ])('It gives the bad share of %o as %d.', (counts, expected) => {
    // Prepare / Act
    const ratio = errorRatio(counts);

    // Assess
    expect(ratio).toBe(expected);
  });

  test.each([
    [{ good: 0, total: 0 }, 'at least one event'],
    [{ good: 11, total: 10 }, '0 ≤ good ≤ total'],
    [{ good: -1, total: 10 }, '0 ≤ good ≤ total'],
    [{ good: Number.NaN, total: 10 }, 'finite'],
    [{ good: 1, total: Number.POSITIVE_INFINITY }, 'finite'],
  ])('It refuses %o because it needs %s.', (counts, reason) => {
    // Prepare / Act
    const attempt = () => errorRatio(counts);

    // Assess
    expect(attempt).toThrow(InvalidStatisticInputError);
    expect(attempt).toThrow(reason);
  });
});

describe('Function: errorBudget', () => {
  test.each([
    [0.999, 0.001],
    [0.99, 0.01],
    [0.9, 0.1],
    [0.99999, 0.00001],
  ])(
    'It gives objective %d a budget of exactly %d (SRE Workbook ch. 2: budget = 1 − SLO).',
    (objective, budget) => {
      // Prepare / Act
      const result = errorBudget(objective);

      // Assess
      expect(result).toBe(budget);
    },
  );

  test('It is exact where the double subtraction is not: 1 − 0.999 is 0.0010000000000000009 in doubles.', () => {
    // Prepare / Act
    const budget = errorBudget(0.999);

    // Assess
    expect(1 - 0.999).not.toBe(0.001);
    expect(budget).toBe(0.001);
  });
});

describe('Function: assertObjective', () => {
  test.each([[0], [1], [99.9], [-0.5], [Number.NaN]])('It refuses the objective %d.', (objective) => {
    // Prepare / Act
    const attempt = () => assertObjective(objective);

    // Assess
    expect(attempt).toThrow(InvalidStatisticInputError);
    expect(attempt).toThrow(`got ${String(objective)}`);
  });
});

describe('Function: budgetConsumed', () => {
  // SRE Workbook ch. 5, "Low-traffic services": 10 requests per hour over 30 days at 99.9% allow "only
  // seven failed requests in 30 days" (7.2), and a single failure "consumed 13.9% of the 30-day error budget".
  test('It finds one failure of 7,200 requests at 99.9% spends 13.9% of the budget, as in the Workbook.', () => {
    // Prepare
    const counts = { good: 7_199, total: 7_200 };

    // Act
    const consumed = budgetConsumed(counts, 0.999);
    const status = errorBudgetStatus(counts, 0.999);

    // Assess
    expect(consumed).toBeCloseTo(0.139, 3);
    expect(status.allowedBad).toBeCloseTo(7.2, 12);
  });

  test.each([
    ['no bad event spends nothing', { good: 10_000, total: 10_000 }, 0],
    ['5 bad of 10,000 spend half of a 99.9% budget', { good: 9_995, total: 10_000 }, 0.5],
    ['10 bad of 10,000 spend exactly all of it', { good: 9_990, total: 10_000 }, 1],
    ['20 bad of 10,000 overspend it twice', { good: 9_980, total: 10_000 }, 2],
  ])('It finds that %s.', (_name, counts, expected) => {
    // Prepare / Act
    const consumed = budgetConsumed(counts, 0.999);

    // Assess
    expect(consumed).toBe(expected);
  });
});

describe('Function: budgetRemaining', () => {
  test.each([
    [{ good: 9_995, total: 10_000 }, 0.5],
    [{ good: 9_990, total: 10_000 }, 0],
    [{ good: 9_980, total: 10_000 }, -1],
  ])('It leaves %o with %d of a 99.9% budget.', (counts, expected) => {
    // Prepare / Act
    const remaining = budgetRemaining(counts, 0.999);

    // Assess
    expect(remaining).toBe(expected);
  });

  test('Consumed and remaining always add up to the whole budget.', () => {
    // Prepare
    const input = fc
      .record({
        total: fc.integer({ min: 1, max: 10_000_000 }),
        badShare: fc.double({ min: 0, max: 1, noNaN: true }),
        objective: fc.double({ min: 0.5, max: 0.99999, noNaN: true }),
      })
      .map(({ total, badShare, objective }) => ({
        counts: { good: total - Math.round(badShare * total), total },
        objective,
      }));

    // Act / Assess
    fc.assert(
      fc.property(input, ({ counts, objective }) => {
        const sum = budgetConsumed(counts, objective) + budgetRemaining(counts, objective);
        return Math.abs(sum - 1) <= 1e-12 * Math.max(1, budgetConsumed(counts, objective));
      }),
    );
  });
});

describe('Function: errorBudgetStatus', () => {
  test('It reports every figure of a window that is 40% through a 99% budget.', () => {
    // Prepare
    const counts = { good: 996, total: 1_000 };

    // Act
    const status = errorBudgetStatus(counts, 0.99);

    // Assess
    expect(status).toEqual({
      errorRatio: 0.004,
      errorBudget: 0.01,
      allowedBad: 10,
      bad: 4,
      consumed: 0.4,
      remaining: 0.6,
    });
  });
});
