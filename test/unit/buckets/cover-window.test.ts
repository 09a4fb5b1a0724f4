import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  coverRange,
  coverWindow,
  effectiveWindow,
  LEADING_EDGE_FRACTION,
  resolutionFor,
  unionOfCovers,
} from '../../../functions/domain/buckets/cover-window.ts';
import {
  type BucketRef,
  bucketId,
  GRANULARITY_MS,
  type Granularity,
} from '../../../functions/domain/buckets/granularity.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ASOF = Date.parse('2026-11-20T13:47:00Z');
/** The windows of the Workbook's multiwindow rules for a 30-day SLO, plus its period. */
const STANDARD_WINDOWS = [5 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, DAY, 3 * DAY, 30 * DAY];

const minuteTime = fc
  .integer({
    min: Date.parse('2000-01-01T00:00:00Z') / MINUTE,
    max: Date.parse('2100-01-01T00:00:00Z') / MINUTE,
  })
  .map((m) => m * MINUTE);

/** A 7-day baseline that ends at the last midnight at least a day before asOf (the example config's). */
function baseline(asOf: number): BucketRef[] {
  const to = Math.floor((asOf - DAY) / DAY) * DAY;
  return coverRange(to - 7 * DAY, to);
}

function unionSize(asOf: number): number {
  return unionOfCovers([...STANDARD_WINDOWS.map((w) => coverWindow(asOf, w)), baseline(asOf)]).length;
}

describe('Function: resolutionFor', () => {
  test.each<[string, number, Granularity]>([
    ['5m', 5 * MINUTE, '1m'],
    ['1h', HOUR, '1m'],
    ['2h', 2 * HOUR, '1m'],
    ['3h59m', 239 * MINUTE, '1m'],
    ['4h', 4 * HOUR, '10m'],
    ['6h', 6 * HOUR, '10m'],
    ['1d', DAY, '1h'],
    ['3d', 3 * DAY, '1h'],
    ['23d', 23 * DAY, '1h'],
    ['24d', 24 * DAY, '1d'],
    ['30d', 30 * DAY, '1d'],
  ])('It honours the leading edge of a %s window to the %s.', (_name, windowMs, expected) => {
    // Prepare
    const input = windowMs;

    // Act
    const resolution = resolutionFor(input);

    // Assess
    expect(resolution).toBe(expected);
    expect(GRANULARITY_MS[resolution]).toBeLessThanOrEqual(
      Math.max(MINUTE, windowMs / LEADING_EDGE_FRACTION),
    );
  });
});

describe('Function: effectiveWindow', () => {
  test.each<[string, number, number, string, string]>([
    ['a 1h window at a whole minute', ASOF, HOUR, '2026-11-20T12:47:00.000Z', '2026-11-20T13:47:00.000Z'],
    [
      'a 1h window in the middle of a minute',
      ASOF + 59_999,
      HOUR,
      '2026-11-20T12:47:00.000Z',
      '2026-11-20T13:47:00.000Z',
    ],
    [
      'a 6h window (start rounded up to 10 minutes)',
      ASOF,
      6 * HOUR,
      '2026-11-20T07:50:00.000Z',
      '2026-11-20T13:47:00.000Z',
    ],
    [
      'a 1d window (start rounded up to the hour)',
      ASOF,
      DAY,
      '2026-11-19T14:00:00.000Z',
      '2026-11-20T13:47:00.000Z',
    ],
    [
      'a 30d window (start rounded up to the day)',
      ASOF,
      30 * DAY,
      '2026-10-22T00:00:00.000Z',
      '2026-11-20T13:47:00.000Z',
    ],
  ])('It evaluates %s as [from, to).', (_what, asOf, windowMs, from, to) => {
    // Prepare
    const input = { asOf, windowMs };

    // Act
    const w = effectiveWindow(input.asOf, input.windowMs);

    // Assess
    expect({ from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() }).toEqual({ from, to });
  });

  test('It is never longer than asked and shorter by less than 1/24 of the window (or a minute).', () => {
    fc.assert(
      fc.property(
        minuteTime,
        fc.integer({ min: 0, max: 59_999 }),
        fc.integer({ min: 1, max: 60 * 24 * 45 }),
        (t, ms, minutes) => {
          // Prepare
          const windowMs = minutes * MINUTE;

          // Act
          const w = effectiveWindow(t + ms, windowMs);

          // Assess
          expect(w.to).toBe(t);
          expect(w.to - w.from).toBeLessThanOrEqual(windowMs);
          expect(windowMs - (w.to - w.from)).toBeLessThan(Math.max(MINUTE, windowMs / LEADING_EDGE_FRACTION));
          expect(w.from % GRANULARITY_MS[resolutionFor(windowMs)]).toBe(0);
        },
      ),
    );
  });
});

describe('Function: coverRange', () => {
  test('It tiles [from, to) exactly, without gaps or overlaps, with buckets aligned to their size.', () => {
    fc.assert(
      fc.property(minuteTime, fc.integer({ min: 0, max: 60 * 24 * 40 }), (from, minutes) => {
        // Prepare
        const to = from + minutes * MINUTE;

        // Act
        const cover = coverRange(from, to);

        // Assess: consecutive buckets meet end to start, from `from` to `to`.
        let t = from;
        for (const b of cover) {
          const size = GRANULARITY_MS[b.granularity];
          expect(b.start).toBe(t);
          expect(b.start % size).toBe(0);
          t += size;
        }
        expect(t).toBe(to);
      }),
    );
  });

  test('It uses the fewest buckets: no run of finer buckets could be replaced by a coarser aligned one.', () => {
    fc.assert(
      fc.property(minuteTime, fc.integer({ min: 0, max: 60 * 24 * 3 }), (from, minutes) => {
        // Prepare
        const to = from + minutes * MINUTE;

        // Act
        const cover = coverRange(from, to);

        // Assess: every aligned 10m, 1h or 1d bucket inside [from, to) lies within one bucket of the cover.
        for (const g of ['10m', '1h', '1d'] as const) {
          const size = GRANULARITY_MS[g];
          for (let s = Math.ceil(from / size) * size; s + size <= to; s += size) {
            const overlapping = cover.filter(
              (b) => b.start < s + size && b.start + GRANULARITY_MS[b.granularity] > s,
            );
            expect(overlapping).toHaveLength(1);
            const [b] = overlapping as [BucketRef];
            expect(b.start <= s && b.start + GRANULARITY_MS[b.granularity] >= s + size).toBe(true);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  test.each<[string, number, number]>([
    ['a start that is not on a minute', ASOF + 1, ASOF + HOUR],
    ['an end that is not on a minute', ASOF, ASOF + HOUR + 30_000],
    ['a start after the end', ASOF + MINUTE, ASOF],
  ])('It throws a RangeError for %s.', (_what, from, to) => {
    // Prepare
    const range = { from, to };

    // Act
    const act = () => coverRange(range.from, range.to);

    // Assess
    expect(act).toThrow(RangeError);
  });

  test('It returns no bucket for an empty range.', () => {
    // Prepare
    const from = ASOF;

    // Act
    const cover = coverRange(from, from);

    // Assess
    expect(cover).toEqual([]);
  });
});

describe('Function: unionOfCovers', () => {
  test('It keeps each bucket once, whatever the number of covers that contain it.', () => {
    fc.assert(
      fc.property(minuteTime, fc.subarray(STANDARD_WINDOWS, { minLength: 1 }), (asOf, windows) => {
        // Prepare
        const covers = windows.map((w) => coverWindow(asOf, w));

        // Act
        const union = unionOfCovers(covers);

        // Assess
        const ids = union.map(bucketId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(covers.flat().map(bucketId)));
      }),
    );
  });

  test('It reads at most 200 buckets for the standard windows and a 7-day baseline at any asOf.', () => {
    fc.assert(
      fc.property(minuteTime, fc.integer({ min: 0, max: 59_999 }), (t, ms) => {
        // Prepare
        const asOf = t + ms;

        // Act
        const size = unionSize(asOf);

        // Assess
        expect(size).toBeLessThanOrEqual(200);
      }),
    );
  });

  test('It reads at most 122 buckets for those windows, the maximum over every minute of a day.', () => {
    // Prepare: the granularities divide a day, so covers depend only on asOf's minute of the day.
    const midnight = Date.parse('2026-11-20T00:00:00Z');

    // Act
    const sizes = Array.from({ length: 1440 }, (_, m) => unionSize(midnight + m * MINUTE));

    // Assess
    expect(Math.max(...sizes)).toBe(122);
    expect(sizes.indexOf(122)).toBe(1);
  });
});
