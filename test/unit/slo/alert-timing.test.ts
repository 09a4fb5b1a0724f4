import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { detectionTime, resetTime } from '../../../functions/domain/slo/alert-timing.ts';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../../functions/domain/slo/durations.ts';

describe('Function: detectionTime', () => {
  // SRE Workbook ch. 5: "the time taken for an alert to fire is (1 − SLO) / error ratio × alerting window size × burn rate".
  test.each([
    [
      'a 10-minute window at 1× detects a total outage in 0.6 s (table 5-1)',
      1,
      1,
      10 * MINUTE_MS,
      0.6 * SECOND_MS,
    ],
    [
      'a 36-hour window at 1× detects a total outage in 129.6 s, "2 minutes and 10 seconds" (table 5-2)',
      1,
      1,
      36 * HOUR_MS,
      129.6 * SECOND_MS,
    ],
    [
      'a 1-hour window at 14.4× detects a total outage in 0.0144 h = 51.84 s',
      1,
      14.4,
      HOUR_MS,
      51.84 * SECOND_MS,
    ],
    [
      'a 1-hour window at 14.4× detects a 10% error ratio in 0.144 h = 8.64 min',
      0.1,
      14.4,
      HOUR_MS,
      8.64 * MINUTE_MS,
    ],
    [
      'a 1-hour window at 14.4× detects 15% errors after 5.76 min ("after 5 minutes", approach 6)',
      0.15,
      14.4,
      HOUR_MS,
      5.76 * MINUTE_MS,
    ],
    [
      'a 5-minute window at 14.4× detects 15% errors after 0.48 min ("immediately", approach 6)',
      0.15,
      14.4,
      5 * MINUTE_MS,
      0.48 * MINUTE_MS,
    ],
  ])('It finds that %s.', (_name, errorRatio, factor, windowMs, expected) => {
    // Prepare / Act
    const ms = detectionTime({ errorRatio, factor, objective: 0.999, windowMs });

    // Assess
    expect(ms).toBeCloseTo(expected, 6);
  });

  test('It never detects an incident at or below the threshold.', () => {
    // Prepare
    const atThreshold = { errorRatio: 0.0144, factor: 14.4, objective: 0.999, windowMs: HOUR_MS };

    // Act / Assess
    expect(detectionTime(atThreshold)).toBe(Number.POSITIVE_INFINITY);
    expect(detectionTime({ ...atThreshold, errorRatio: 0 })).toBe(Number.POSITIVE_INFINITY);
  });

  test.each([[-0.1], [1.5], [Number.NaN]])('It refuses the error ratio %d.', (errorRatio) => {
    // Prepare / Act / Assess
    expect(() => detectionTime({ errorRatio, factor: 1, objective: 0.999, windowMs: HOUR_MS })).toThrow(
      InvalidStatisticInputError,
    );
  });
});

describe('Function: resetTime', () => {
  test.each([
    // Table 5-5: a 36× rule over 1 hour has a "reset time: 58 minutes" after a full outage.
    [
      'a 36× rule over 1 hour keeps firing 57.84 min, the Workbook\'s "58 minutes" (table 5-5)',
      1,
      36,
      HOUR_MS,
      57.84 * MINUTE_MS,
    ],
    // Approach 6: the multiwindow page "exhibits a better reset time by ceasing to fire five minutes later".
    [
      'a 14.4× 5-minute short window stops 4.928 min after a full outage ("five minutes later")',
      1,
      14.4,
      5 * MINUTE_MS,
      4.928 * MINUTE_MS,
    ],
    [
      'a 14.4× 5-minute short window stops 4.52 min after 15% errors ("5 minutes after the errors stop")',
      0.15,
      14.4,
      5 * MINUTE_MS,
      4.52 * MINUTE_MS,
    ],
  ])('It finds that %s.', (_name, errorRatio, factor, windowMs, expected) => {
    // Prepare / Act
    const ms = resetTime({ errorRatio, factor, objective: 0.999, windowMs });

    // Assess
    expect(ms).toBeCloseTo(expected, 6);
  });

  test('It needs no reset for an incident that never crossed the threshold.', () => {
    // Prepare / Act
    const ms = resetTime({ errorRatio: 0.01, factor: 14.4, objective: 0.999, windowMs: HOUR_MS });

    // Assess
    expect(ms).toBe(0);
  });
});
