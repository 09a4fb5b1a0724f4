import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  bucketId,
  bucketStart,
  GRANULARITIES,
  GRANULARITY_MS,
  type Granularity,
} from '../../../functions/domain/buckets/granularity.ts';

const T = Date.parse('2026-11-20T13:47:21.500Z');

describe('Function: bucketStart', () => {
  test.each<[Granularity, string]>([
    ['1m', '2026-11-20T13:47:00.000Z'],
    ['10m', '2026-11-20T13:40:00.000Z'],
    ['1h', '2026-11-20T13:00:00.000Z'],
    ['1d', '2026-11-20T00:00:00.000Z'],
  ])('It starts the %s bucket holding 13:47:21.5Z at %s (UTC).', (granularity, expected) => {
    // Prepare
    const time = T;

    // Act
    const start = bucketStart(time, granularity);

    // Assess
    expect(new Date(start).toISOString()).toBe(expected);
  });

  test('It returns an aligned start with the time inside its bucket, before 1970 too.', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        fc.constantFrom(...GRANULARITIES),
        (time, granularity) => {
          // Prepare
          const size = GRANULARITY_MS[granularity];

          // Act
          const start = bucketStart(time, granularity);

          // Assess
          expect(start % size === 0).toBe(true);
          expect(start <= time && time < start + size).toBe(true);
        },
      ),
    );
  });
});

describe('Function: bucketId', () => {
  test('It names a bucket by granularity and ISO start.', () => {
    // Prepare
    const ref = { granularity: '10m' as const, start: Date.parse('2026-11-20T13:40:00Z') };

    // Act
    const id = bucketId(ref);

    // Assess
    expect(id).toBe('10m:2026-11-20T13:40:00.000Z');
  });

  test('It lists the granularities finest first, each dividing the next.', () => {
    // Prepare
    const sizes = GRANULARITIES.map((g) => GRANULARITY_MS[g]);

    // Act
    const ratios = sizes.slice(1).map((s, i) => s / (sizes[i] as number));

    // Assess
    expect(sizes).toEqual([60_000, 600_000, 3_600_000, 86_400_000]);
    expect(ratios).toEqual([10, 6, 24]);
  });
});
