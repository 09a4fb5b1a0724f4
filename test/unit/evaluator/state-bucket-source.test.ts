import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { coverRange, unionOfCovers } from '../../../functions/domain/buckets/cover-window.ts';
import { bucketId } from '../../../functions/domain/buckets/granularity.ts';
import type { CounterSet } from '../../../functions/domain/counters/counter-set.ts';
import {
  BucketWindowSource,
  RecordingWindowSource,
  UnreadBucketError,
} from '../../../functions/store/state-bucket-source.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const D0 = Date.UTC(2026, 10, 1);

/**
 * Every bucket of every granularity over [D0, D0 + 5 d) was read; two thirds exist, each holding a counter
 * named after it and one shared counter.
 */
function allBuckets(): { counters: Map<string, CounterSet>; read: Set<string> } {
  const counters = new Map<string, CounterSet>();
  const read = new Set<string>();
  const sizes = { '1m': MINUTE, '10m': 10 * MINUTE, '1h': 60 * MINUTE, '1d': DAY } as const;
  for (const [g, size] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
    for (let t = D0; t < D0 + 5 * DAY; t += size) {
      const id = bucketId({ granularity: g, start: t });
      read.add(id);
      // Sparse: a third of the buckets are absent (no traffic).
      if ((t / size) % 3 === 1) continue;
      counters.set(
        id,
        new Map([
          [`own\u001f${id}`, 1],
          ['shared', ((t / MINUTE) % 7) + 1],
        ]),
      );
    }
  }
  return { counters, read };
}

/** The reference: each range is the plain sum of its cover's buckets. */
function naive(counters: ReadonlyMap<string, CounterSet>, from: number, to: number): CounterSet {
  const out: CounterSet = new Map();
  for (const ref of coverRange(from, to)) {
    for (const [k, v] of counters.get(bucketId(ref)) ?? []) out.set(k, (out.get(k) ?? 0) + v);
  }
  return out;
}

describe('Function: RecordingWindowSource', () => {
  test('It answers every range with no counters, records it, and lists the union of the covers once.', () => {
    // Prepare
    const source = new RecordingWindowSource();
    const a = { from: D0 + 7 * MINUTE, to: D0 + DAY + 13 * MINUTE };
    const b = { from: D0 + 3 * DAY, to: D0 + DAY + 13 * MINUTE };

    // Act
    const answer = source.counters('m', a.from, a.to);
    source.counters('m', b.to, b.to);
    source.counters('m', D0, a.to);

    // Assess
    expect(answer.size).toBe(0);
    expect(source.ranges).toEqual([a, { from: D0, to: a.to }]);
    expect(source.bucketRefs()).toEqual(unionOfCovers([coverRange(a.from, a.to), coverRange(D0, a.to)]));
  });
});

describe('Function: BucketWindowSource', () => {
  test('Memoised sums equal the plain sums of the covers for any ranges, in any order.', () => {
    // Prepare
    const { counters, read } = allBuckets();
    // Minutes, hour and day boundaries: boundaries are where runs of hour and day buckets start and end.
    const minuteIn = fc.oneof(
      fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => D0 + m * MINUTE),
      fc.integer({ min: 0, max: 5 * 24 }).map((h) => D0 + h * 60 * MINUTE),
      fc.integer({ min: 0, max: 5 }).map((d) => D0 + d * DAY),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(minuteIn, minuteIn), { minLength: 1, maxLength: 12 }), (pairs) => {
        const source = new BucketWindowSource(counters, read);

        // Act + Assess
        for (const [x, y] of pairs) {
          const [from, to] = x <= y ? [x, y] : [y, x];
          expect(source.counters('m', from, to)).toEqual(naive(counters, from, to));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('Runs that start alike but end in an hour bucket or a day bucket of the same start are kept apart.', () => {
    // Prepare: [D0+1h, D0+2d+1h) ends with 1h@D0+2d… and [D0+1h, D0+3d+5m) with 1d@D0+2d.
    const { counters, read } = allBuckets();
    const source = new BucketWindowSource(counters, read);
    const from = D0 + 60 * MINUTE;

    // Act
    const a = source.counters('m', from, D0 + 2 * DAY + 60 * MINUTE);
    const b = source.counters('m', from, D0 + 3 * DAY + 5 * MINUTE);

    // Assess
    expect(a).toEqual(naive(counters, from, D0 + 2 * DAY + 60 * MINUTE));
    expect(b).toEqual(naive(counters, from, D0 + 3 * DAY + 5 * MINUTE));
  });

  test('A caller changing a returned sum does not change later answers.', () => {
    // Prepare
    const { counters, read } = allBuckets();
    const source = new BucketWindowSource(counters, read);
    const to = D0 + 4 * DAY + 3 * 60 * MINUTE + 7 * MINUTE;

    // Act
    source.counters('m', D0 + 5 * MINUTE, to).set('shared', -1);
    const again = source.counters('m', D0 + 9 * MINUTE, to);

    // Assess
    expect(again).toEqual(naive(counters, D0 + 9 * MINUTE, to));
  });

  test('A range needing a bucket that was not read throws instead of answering short.', () => {
    // Prepare
    const { counters } = allBuckets();
    const read = new Set(coverRange(D0, D0 + DAY).map(bucketId));
    const source = new BucketWindowSource(counters, read);

    // Act + Assess
    expect(source.covers(D0, D0 + DAY)).toBe(true);
    expect(source.covers(D0, D0 + DAY + MINUTE)).toBe(false);
    expect(() => source.counters('m', D0, D0 + DAY + MINUTE)).toThrow(UnreadBucketError);
  });

  test('A bucket that was read but does not exist counts as no traffic.', () => {
    // Prepare
    const read = new Set(coverRange(D0, D0 + 2 * 60 * MINUTE).map(bucketId));
    const source = new BucketWindowSource(new Map(), read);

    // Act + Assess
    expect(source.counters('m', D0, D0 + 2 * 60 * MINUTE).size).toBe(0);
  });
});
