import { describe, expect, test } from 'vitest';
import { coverRange } from '../../../functions/domain/buckets/cover-window.ts';
import { bucketId } from '../../../functions/domain/buckets/granularity.ts';
import type { CounterSet } from '../../../functions/domain/counters/counter-set.ts';
import { splitCounters } from '../../../functions/domain/evaluation/counter-part.ts';
import { EvaluatorWindowSource } from '../../../functions/evaluator/evaluator-window-source.ts';
import { UnreadBucketError } from '../../../functions/store/state-bucket-source.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const D0 = Date.UTC(2026, 10, 1);

describe('Class: EvaluatorWindowSource', () => {
  // Prepare (shared): the buckets of [D0, D0 + 2h 5m) were read; every other one is present.
  const refs = coverRange(D0, D0 + 2 * HOUR + 5 * MINUTE);
  const read = new Set(refs.map(bucketId));
  const buckets = new Map<string, CounterSet>(
    refs.filter((_, i) => i % 2 === 0).map((ref, i) => [bucketId(ref), new Map([['dec', i + 1]])]),
  );
  const source = new EvaluatorWindowSource(buckets, read);

  test('It hands out each bucket read: its counters, or none when it had no traffic.', () => {
    // Act + Assess
    for (const ref of refs) expect(source.bucket('m', ref)).toBe(buckets.get(bucketId(ref)));
    expect(source.bucket('m', refs[1] ?? refs[0] ?? { granularity: '1m', start: D0 })).toBeUndefined();
  });

  test('It throws for a bucket that was not read instead of answering with no traffic.', () => {
    // Act + Assess
    expect(() => source.bucket('m', { granularity: '1m', start: D0 + 3 * HOUR })).toThrow(UnreadBucketError);
  });

  test('It still answers range sums and whether a range was read.', () => {
    // Act
    const sum = source.counters('m', D0, D0 + 2 * HOUR + 5 * MINUTE);

    // Assess
    expect(sum.get('dec')).toBe([...buckets.values()].reduce((n, b) => n + (b.get('dec') ?? 0), 0));
    expect(source.covers(D0, D0 + 2 * HOUR)).toBe(true);
    expect(source.covers(D0, D0 + 3 * HOUR)).toBe(false);
  });
});

describe('Class: EvaluatorWindowSource, buckets split by part', () => {
  // Prepare (shared): every bucket of [D0, D0 + 1h 5m) read and present, its counters split by part.
  const refs = coverRange(D0, D0 + HOUR + 5 * MINUTE);
  const whole = new Map<string, CounterSet>(
    refs.map((ref, i) => [
      bucketId(ref),
      new Map([
        ['dec', i + 1],
        ['fmiss\u001fx', 2 * i + 1],
      ]),
    ]),
  );
  const split = new Map([...whole].map(([id, counters]) => [id, splitCounters(counters)]));

  test('It hands out the split buckets, and answers range sums as from the whole ones.', () => {
    // Prepare
    const source = new EvaluatorWindowSource(split, new Set(refs.map(bucketId)));
    const reference = new EvaluatorWindowSource(whole, new Set(refs.map(bucketId)));

    // Act + Assess
    for (const ref of refs) expect(source.bucket('m', ref)).toBe(split.get(bucketId(ref)));
    expect(source.counters('m', D0, D0 + HOUR + 5 * MINUTE)).toEqual(
      reference.counters('m', D0, D0 + HOUR + 5 * MINUTE),
    );
    expect(source.covers(D0, D0 + HOUR)).toBe(true);
  });
});
