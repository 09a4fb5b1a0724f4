import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DAY_MS,
  formatDuration,
  HOUR_MS,
  InvalidDurationError,
  MINUTE_MS,
  parseDuration,
  SECOND_MS,
} from '../../../functions/domain/slo/durations.ts';

describe('Function: parseDuration', () => {
  test.each([
    ['90s', 90 * SECOND_MS],
    ['5m', 5 * MINUTE_MS],
    ['30m', 30 * MINUTE_MS],
    ['1h', HOUR_MS],
    ['6h', 6 * HOUR_MS],
    ['1d', DAY_MS],
    ['3d', 3 * DAY_MS],
    ['28d', 28 * DAY_MS],
    ['30d', 30 * DAY_MS],
    ['1w', 7 * DAY_MS],
    ['250ms', 250],
    ['1h30m', 90 * MINUTE_MS],
    ['1d12h', 36 * HOUR_MS],
    ['1m1ms', MINUTE_MS + 1],
    ['0s', 0],
  ])('It reads %s as %i milliseconds.', (text, expected) => {
    // Prepare / Act
    const ms = parseDuration(text);

    // Assess
    expect(ms).toBe(expected);
  });

  test.each([
    ['', 'expected a duration'],
    ['15', 'it has no unit'],
    ['1.5h', 'whole numbers (write 1h30m, not 1.5h)'],
    ['-5m', 'must not be negative'],
    ['5 m', 'remove the spaces'],
    ['1h1d', 'from the largest to the smallest'],
    ['5m5m', 'from the largest to the smallest'],
    ['5M', 'units w, d, h, m, s or ms'],
    ['1y', 'units w, d, h, m, s or ms'],
    ['soon', 'units w, d, h, m, s or ms'],
  ])('It rejects %j and says why (%s), quoting the input.', (text, reason) => {
    // Prepare / Act
    const attempt = () => parseDuration(text);

    // Assess
    expect(attempt).toThrow(InvalidDurationError);
    expect(attempt).toThrow(reason);
    if (text !== '') expect(attempt).toThrow(JSON.stringify(text));
  });

  test('It rejects a duration too long to count in milliseconds.', () => {
    // Prepare
    const text = '99999999999999d';

    // Act / Assess
    expect(() => parseDuration(text)).toThrow('too long');
  });
});

describe('Function: formatDuration', () => {
  test.each([
    [0, '0s'],
    [1, '1ms'],
    [90 * SECOND_MS, '1m30s'],
    [5 * MINUTE_MS, '5m'],
    [90 * MINUTE_MS, '1h30m'],
    [DAY_MS, '1d'],
    [30 * DAY_MS, '30d'],
    [36 * HOUR_MS + 1, '1d12h1ms'],
  ])('It writes %i ms as %s.', (ms, expected) => {
    // Prepare / Act
    const text = formatDuration(ms);

    // Assess
    expect(text).toBe(expected);
  });

  test.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'It refuses %d, which is no whole non-negative number of milliseconds.',
    (ms) => {
      // Prepare / Act / Assess
      expect(() => formatDuration(ms)).toThrow(InvalidDurationError);
    },
  );

  test('Every whole number of milliseconds survives a format-then-parse round trip.', () => {
    // Prepare
    const durations = fc.integer({ min: 0, max: 400 * DAY_MS });

    // Act / Assess
    fc.assert(fc.property(durations, (ms) => parseDuration(formatDuration(ms)) === ms));
  });
});
