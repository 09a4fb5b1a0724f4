import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { burnRate } from '../../../functions/domain/slo/burn-rate.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../functions/domain/slo/durations.ts';
import {
  countTimeslices,
  meetsThreshold,
  THRESHOLD_RELATIVE_TOLERANCE,
  timesliceSli,
  timeslicesInWindow,
} from '../../../functions/domain/slo/threshold-objective.ts';
import { reference } from './reference.ts';

describe('Function: countTimeslices', () => {
  test('It classifies scikit-learn F1 scores of load_breast_cancer slices against F1 ≥ 0.9.', () => {
    // Prepare
    const { slices, threshold, minSliceEvents, expected } = reference.timeslices;

    // Act
    const result = countTimeslices(slices, { threshold, minSliceEvents });

    // Assess
    expect(result).toEqual(expected);
    expect(result.bad).toBeGreaterThan(0);
    expect(result.excluded).toBeGreaterThan(0);
  });

  test('Its SLI feeds the burn rate unchanged: 2 bad slices of 10 burn an 80% objective at exactly 1×.', () => {
    // Prepare
    const { slices, threshold, minSliceEvents, objective } = reference.timeslices;
    const counts = countTimeslices(slices, { threshold, minSliceEvents });

    // Act
    const rate = burnRate(timesliceSli(counts), objective);

    // Assess
    expect(rate).toBe(reference.timeslices.burnRate);
  });

  test.each([
    ['a slice with fewer events than the minimum is excluded', { value: 0.1, events: 9 }, 'excluded'],
    ['a slice with an undefined metric is excluded', { value: null, events: 500 }, 'excluded'],
    ['a slice without events is excluded even with no minimum', { value: 0.1, events: 0 }, 'excluded'],
    ['a slice at the minimum that meets the threshold is good', { value: 0.8, events: 10 }, 'good'],
    ['a slice at the minimum that misses the threshold is bad', { value: 0.79, events: 10 }, 'bad'],
  ])('It decides that %s.', (_name, slice, expected) => {
    // Prepare
    const minSliceEvents = slice.events === 0 ? 0 : 10;

    // Act
    const counts = countTimeslices([slice], { threshold: 0.8, minSliceEvents });

    // Assess
    expect({ good: counts.good, bad: counts.bad, excluded: counts.excluded }).toEqual({
      good: expected === 'good' ? 1 : 0,
      bad: expected === 'bad' ? 1 : 0,
      excluded: expected === 'excluded' ? 1 : 0,
    });
  });

  test('It counts only the events of evaluated slices, for the minimum-events guard.', () => {
    // Prepare
    const slices = [
      { value: 0.9, events: 40 },
      { value: 0.7, events: 40 },
      { value: 0.2, events: 3 },
    ];

    // Act
    const counts = countTimeslices(slices, { threshold: 0.8, minSliceEvents: 10 });

    // Assess
    expect(counts).toEqual({ good: 1, bad: 1, excluded: 1, evaluated: 2, events: 80 });
  });

  test('It counts an "at most" objective with lte: p99 latency ≤ 2 s.', () => {
    // Prepare
    const slices = [
      { value: 1.5, events: 100 },
      { value: 2, events: 100 },
      { value: 2.5, events: 100 },
    ];

    // Act
    const counts = countTimeslices(slices, { threshold: 2, comparison: 'lte', minSliceEvents: 1 });

    // Assess
    expect([counts.good, counts.bad]).toEqual([2, 1]);
  });

  test('It gives an empty window no slices rather than an error.', () => {
    // Prepare / Act
    const counts = countTimeslices([], { threshold: 0.8, minSliceEvents: 10 });

    // Assess
    expect(counts).toEqual({ good: 0, bad: 0, excluded: 0, evaluated: 0, events: 0 });
  });

  test.each([
    ['a NaN metric', [{ value: Number.NaN, events: 10 }], 10],
    ['negative events', [{ value: 0.9, events: -1 }], 10],
    ['a negative minimum', [{ value: 0.9, events: 10 }], -1],
  ])('It refuses %s.', (_name, slices, minSliceEvents) => {
    // Prepare / Act / Assess
    expect(() => countTimeslices(slices, { threshold: 0.8, minSliceEvents })).toThrow(
      InvalidStatisticInputError,
    );
  });
});

describe('Function: meetsThreshold', () => {
  test('It accepts an F1 of exactly 12/15 that 2PR / (P + R) computes one ulp below 0.8.', () => {
    // Prepare: tp = 6, fp = 1, fn = 2.
    const precision = 6 / 7;
    const recall = 6 / 8;
    const f1 = (2 * precision * recall) / (precision + recall);

    // Act
    const met = meetsThreshold(f1, 0.8);

    // Assess
    expect(f1).toBeLessThan(0.8);
    expect(met).toBe(true);
  });

  test.each([
    [0.8 * (1 - 10 * THRESHOLD_RELATIVE_TOLERANCE), 0.8, 'gte', false],
    [0.7999, 0.8, 'gte', false],
    [0.8, 0.8, 'gte', true],
    [2 * (1 + 10 * THRESHOLD_RELATIVE_TOLERANCE), 2, 'lte', false],
    [2, 2, 'lte', true],
    [0, 0, 'gte', true],
  ] as const)('It decides %d against %d (%s) as %s.', (value, threshold, comparison, expected) => {
    // Prepare / Act
    const met = meetsThreshold(value, threshold, comparison);

    // Assess
    expect(met).toBe(expected);
  });
});

describe('Function: timeslicesInWindow', () => {
  test.each([
    [5 * MINUTE_MS, HOUR_MS, 1],
    [HOUR_MS, HOUR_MS, 1],
    [90 * MINUTE_MS, HOUR_MS, 2],
    [6 * HOUR_MS, HOUR_MS, 6],
    [3 * DAY_MS, HOUR_MS, 72],
  ])('It reads a %i ms window as slices of %i ms: %i slice(s).', (windowMs, timesliceMs, expected) => {
    // Prepare / Act
    const slices = timeslicesInWindow(windowMs, timesliceMs);

    // Assess
    expect(slices).toBe(expected);
  });

  test('It refuses a zero-length timeslice.', () => {
    // Prepare / Act / Assess
    expect(() => timeslicesInWindow(HOUR_MS, 0)).toThrow(InvalidStatisticInputError);
  });
});
