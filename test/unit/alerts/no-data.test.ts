import { describe, expect, test } from 'vitest';
import { InvalidAlertInputError } from '../../../functions/domain/alerts/alert-errors.ts';
import {
  NO_DATA_MIN_REFERENCE_EVENTS,
  noDataCondition,
  noDataRanges,
  trafficEvents,
} from '../../../functions/domain/alerts/no-data.ts';
import { coverRange } from '../../../functions/domain/buckets/cover-window.ts';

const at = (d: number, h: number, m: number, s = 0) => Date.UTC(2026, 10, d, h, m, s);

describe('Function: noDataRanges', () => {
  test('The silence window is the last 30 minutes; the reference is the same half hour a day earlier on 10-minute boundaries.', () => {
    // Act
    const r = noDataRanges(at(20, 10, 7, 42));

    // Assess
    expect(r.silence).toEqual({ from: at(20, 9, 37), to: at(20, 10, 7) });
    expect(r.reference).toEqual({ from: at(19, 9, 30), to: at(19, 10, 0) });
    expect(coverRange(r.reference.from, r.reference.to).map((b) => b.granularity)).toEqual([
      '10m',
      '10m',
      '10m',
    ]);
  });

  test('It throws for a non-finite time.', () => {
    expect(() => noDataRanges(Number.POSITIVE_INFINITY)).toThrow(InvalidAlertInputError);
  });
});

describe('Function: noDataCondition', () => {
  test.each([
    ['Events in the silence window clear the alert', 1, 500, 'clear'],
    ['Silence after a busy half hour yesterday fires', 0, NO_DATA_MIN_REFERENCE_EVENTS, 'firing'],
    [
      'Silence after a quiet half hour yesterday says nothing',
      0,
      NO_DATA_MIN_REFERENCE_EVENTS - 1,
      'unknown',
    ],
    ['Silence with no traffic yesterday says nothing', 0, 0, 'unknown'],
  ] as const)('%s.', (_name, silence, reference, expected) => {
    expect(noDataCondition(silence, reference)).toBe(expected);
  });

  test('It throws for negative or non-finite counts.', () => {
    expect(() => noDataCondition(-1, 0)).toThrow(InvalidAlertInputError);
    expect(() => noDataCondition(0, Number.NaN)).toThrow(InvalidAlertInputError);
  });
});

describe('Function: trafficEvents', () => {
  test('It counts decisions and task starts, not labels, outcomes or feature counters.', () => {
    // Prepare
    const counters = new Map([
      ['dec\u001fdefault\u001fcontrol', 7],
      ['dec\u001freview\u001fcanary', 2],
      ['ts\u001freview', 5],
      ['lab\u001fdefault\u001fcontrol', 6],
      ['to\u001freview\u001ffailed', 1],
      ['fc\u001fchannel\u001femail', 9],
      ['decisions', 100],
    ]);

    // Act + Assess
    expect(trafficEvents(counters)).toBe(14);
  });
});
