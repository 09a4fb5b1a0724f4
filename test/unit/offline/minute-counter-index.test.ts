import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MinuteCounterIndex } from '../../../functions/offline/minute-counter-index.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');

/** A naive reference: the log itself, summed by scanning every entry. */
function naiveSum(log: readonly [number, string][], from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [time, key] of log) {
    const minute = Math.floor(time / MINUTE) * MINUTE;
    if (minute >= from && minute < to) out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const sorted = (m: ReadonlyMap<string, number>) =>
  Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

const entry = fc.tuple(
  fc
    .oneof(fc.integer({ min: 0, max: 3 * 24 * 60 * MINUTE }), fc.integer({ min: 0, max: 90 * MINUTE }))
    .map((t) => T0 + t),
  fc.constantFrom('a', 'b', 'c\u001fd', 'e'),
);

describe('Class: MinuteCounterIndex', () => {
  test('It sums any range exactly as a scan of every increment would.', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 300 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: -MINUTE * 30, max: 4 * 24 * 60 * MINUTE }),
            fc.integer({ min: 0, max: 4 * 24 * 60 * MINUTE }),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (log, ranges) => {
          // Prepare
          const index = new MinuteCounterIndex();
          for (const [time, key] of log) index.add(time, key);

          // Act
          const sums = ranges.map(([start, length]) => index.sum(T0 + start, T0 + start + length));

          // Assess: a minute counts when its start is in the range, so edges round up to minutes.
          ranges.forEach(([start, length], i) => {
            const from = Math.ceil((T0 + start) / MINUTE) * MINUTE;
            const to = Math.ceil((T0 + start + length) / MINUTE) * MINUTE;
            expect(sorted(sums[i] ?? new Map())).toEqual(naiveSum(log, from, to));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('It keeps every increment of hours that fill many blocks of its log, interleaved with other hours.', () => {
    // Prepare: 400,000 increments over three hours, written alternately, so each hour's log spans many
    // blocks and the blocks of all hours span several slabs of the pool.
    const index = new MinuteCounterIndex();
    const log: [number, string][] = [];
    const keys = ['a', 'b', 'c', 'd', 'e'];
    for (let i = 0; i < 400_000; i++) {
      const time = T0 + (i % 3) * 60 * MINUTE + ((i * 7919) % (60 * MINUTE));
      const key = keys[(i * 31) % keys.length] as string;
      log.push([time, key]);
      index.add(time, key);
    }

    // Act
    const ranges = [
      [T0, T0 + 180 * MINUTE],
      [T0 + 60 * MINUTE, T0 + 120 * MINUTE],
      [T0 + 17 * MINUTE, T0 + 143 * MINUTE],
      [T0 + 121 * MINUTE, T0 + 122 * MINUTE],
    ] as const;
    const sums = ranges.map(([from, to]) => sorted(index.sum(from, to)));

    // Assess
    expect(sums).toEqual(ranges.map(([from, to]) => naiveSum(log, from, to)));
    expect(Object.values(sums[0] ?? {}).reduce((a, b) => a + b, 0)).toBe(400_000);
  });

  test('It sees increments added after a range was read.', () => {
    // Prepare
    const index = new MinuteCounterIndex();
    index.add(T0, 'a');
    const first = index.sum(T0, T0 + 24 * 60 * MINUTE);

    // Act
    index.add(T0 + 61 * MINUTE, 'a');
    index.add(T0 + 5 * MINUTE, 'b');
    const second = index.sum(T0, T0 + 24 * 60 * MINUTE);

    // Assess
    expect(sorted(first)).toEqual({ a: 1 });
    expect(sorted(second)).toEqual({ a: 2, b: 1 });
  });

  test('It handles increments centuries apart (the sparse grouping of hours).', () => {
    // Prepare
    const index = new MinuteCounterIndex();
    const old = Date.parse('1900-01-01T00:00:30Z');
    const future = Date.parse('2300-06-01T12:34:56Z');
    index.add(old, 'a');
    index.add(future, 'a');
    index.add(future + 1000, 'b');

    // Act
    const oldMinute = old - 30_000;
    const sums = [
      index.sum(oldMinute, oldMinute + MINUTE),
      index.sum(future - 5 * MINUTE, future + 5 * MINUTE),
      index.sum(oldMinute, future + MINUTE),
      // The minute of `old` starts before `old`: a range from `old` leaves it out.
      index.sum(old, future + MINUTE),
    ];

    // Assess
    expect(sums.map(sorted)).toEqual([{ a: 1 }, { a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 1 }]);
    expect(index.minuteStarts()).toEqual([
      Date.parse('1900-01-01T00:00:00Z'),
      Date.parse('2300-06-01T12:34:00Z'),
    ]);
  });

  test('It gives one minute’s counters and lists the minutes that hold any.', () => {
    // Prepare
    const index = new MinuteCounterIndex();
    for (const [t, k] of [
      [T0 + 5_000, 'a'],
      [T0 + 3 * MINUTE, 'b'],
      [T0 + 59_000, 'a'],
    ] as const)
      index.add(t, k);

    // Act
    const minute = index.minute(T0);

    // Assess
    expect(minute).toEqual(new Map([['a', 2]]));
    expect(index.minute(T0 + MINUTE)).toBeUndefined();
    expect(index.minuteStarts()).toEqual([T0, T0 + 3 * MINUTE]);
  });

  test('It interns each key once and gives it the same id every time.', () => {
    // Prepare
    const index = new MinuteCounterIndex();

    // Act
    const ids = ['x', 'y', 'x'].map((k) => index.intern(k));

    // Assess
    expect(ids).toEqual([0, 1, 0]);
    expect(index.sum(T0, T0 + MINUTE).size).toBe(0);
  });

  test('It counts an event’s several keys in one minute (at, then countAt) as adding each key would, in the same key order.', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            entry.map(([time]) => time),
            fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }),
          ),
          {
            maxLength: 120,
          },
        ),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 * 24 * 60 * MINUTE }),
            fc.integer({ min: 0, max: 3 * 24 * 60 * MINUTE }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (events, ranges) => {
          // Prepare
          const byKey = new MinuteCounterIndex();
          const byEvent = new MinuteCounterIndex();

          // Act
          for (const [time, keys] of events) {
            for (const key of keys) byKey.add(time, key);
            byEvent.at(time);
            for (const key of keys) byEvent.countAt(byEvent.intern(key));
          }

          // Assess: entries, not sorted, so the key order of every sum is compared too.
          for (const [start, length] of ranges)
            expect([...byEvent.sum(T0 + start, T0 + start + length)]).toEqual([
              ...byKey.sum(T0 + start, T0 + start + length),
            ]);
          expect(byEvent.minuteStarts()).toEqual(byKey.minuteStarts());
          for (const m of byKey.minuteStarts()) expect(byEvent.minute(m)).toEqual(byKey.minute(m));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('It refuses countAt before any at.', () => {
    // Prepare
    const index = new MinuteCounterIndex();

    // Act
    const count = () => index.countAt(index.intern('a'));

    // Assess
    expect(count).toThrow(/before at/);
  });
});
