import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { coverRange, unionOfCovers } from '../../../functions/domain/buckets/cover-window.ts';
import { type BucketRef, bucketId } from '../../../functions/domain/buckets/granularity.ts';
import { RangeReader } from '../../../functions/domain/evaluation/range-reader.ts';
import type { WindowSource } from '../../../functions/domain/evaluation/window-source.ts';
import { summarizeCounters } from '../../../functions/domain/evaluation/window-summary.ts';
import { bucketSource, coverSum, rangeSumSource, splitBucketSource } from './random-buckets.ts';
import { summarySnapshot } from './summary-snapshot.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2026, 10, 1);

/** Edges on minutes, hours and days: where runs of hour and day buckets start and end. */
const edge = fc.oneof(
  fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => D0 + m * MINUTE),
  fc.integer({ min: 0, max: 4 * 24 }).map((h) => D0 + h * HOUR),
  fc.integer({ min: 0, max: 4 }).map((d) => D0 + d * DAY),
);
const ranges = fc.array(
  fc.tuple(edge, edge).map(([x, y]) => (x <= y ? { from: x, to: y } : { from: y, to: x })),
  { minLength: 1, maxLength: 8 },
);

describe('Class: RangeReader', () => {
  test.each([
    ['hands out buckets', bucketSource],
    ['hands out buckets split by part', splitBucketSource],
    ['only sums ranges', rangeSumSource],
  ])('From a source that %s, every range reads as the plain sum of its cover.', (_what, sourceOf) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), ranges, (seed, asked) => {
        // Prepare
        const reader = new RangeReader('m', sourceOf(seed));

        // Act + Assess: in any order, and again from the cache.
        for (const { from, to } of [...asked, ...asked]) {
          const expected = coverSum(seed, from, to);
          expect(reader.counters(from, to)).toEqual(expected);
          expect(summarySnapshot(reader.summary(from, to))).toEqual(
            summarySnapshot(summarizeCounters(expected)),
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  test('It asks the source for each bucket once, however many ranges pass through it.', () => {
    // Prepare
    const asked: string[] = [];
    const inner = bucketSource(7);
    const source: WindowSource = {
      counters: () => {
        throw new Error('range sums are not needed when buckets are handed out');
      },
      bucket: (monitor, ref: BucketRef) => {
        asked.push(bucketId(ref));
        return inner.bucket?.(monitor, ref);
      },
    };
    const reader = new RangeReader('m', source);
    const to = D0 + 3 * DAY + 5 * HOUR + 17 * MINUTE;
    const from = [to - 5 * MINUTE, to - HOUR, to - DAY, D0 + 13 * MINUTE, D0];

    // Act
    for (const f of from) reader.summary(f, to).decisions;

    // Assess
    expect(asked.length).toBe(new Set(asked).size);
    expect(new Set(asked)).toEqual(new Set(unionOfCovers(from.map((f) => coverRange(f, to))).map(bucketId)));
  });

  test('It asks a source without buckets for each distinct range once.', () => {
    // Prepare
    const asked: string[] = [];
    const source: WindowSource = {
      counters: (_monitor, from, to) => {
        asked.push(`${from}:${to}`);
        return coverSum(3, from, to);
      },
    };
    const reader = new RangeReader('m', source);

    // Act
    reader.summary(D0, D0 + HOUR);
    reader.counters(D0, D0 + HOUR);
    reader.summary(D0, D0 + DAY);

    // Assess
    expect(asked).toEqual([`${D0}:${D0 + HOUR}`, `${D0}:${D0 + DAY}`]);
  });

  test('An empty or inverted range reads nothing and has no counters.', () => {
    // Prepare
    const source: WindowSource = {
      counters: () => {
        throw new Error('not asked');
      },
    };
    const reader = new RangeReader('m', source);

    // Act + Assess
    expect(reader.counters(D0 + HOUR, D0 + HOUR).size).toBe(0);
    expect(reader.summary(D0 + HOUR, D0).decisions.size).toBe(0);
  });
});
