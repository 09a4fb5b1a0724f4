import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { percentiles, quantile } from '../../../functions/domain/metrics/percentiles.ts';
import { expectRelativelyClose, reference } from './reference.ts';

describe('Function: percentiles', () => {
  test.each(reference.percentiles.map((c) => [c.name, c] as const))(
    'It agrees with numpy.percentile (linear interpolation) on "%s".',
    (_name, fixture) => {
      // Prepare
      const values = Float64Array.from(fixture.values);

      // Act
      const result = percentiles(values, fixture.levels);

      // Assess
      result.forEach((value, i) => {
        expectRelativelyClose(value, fixture.expected[i] ?? Number.NaN, `q=${fixture.levels[i]}`);
      });
    },
  );

  test('It defaults to p50, p95 and p99 and leaves the input unsorted.', () => {
    // Prepare
    const values = [4, 1, 3, 2];

    // Act
    const result = percentiles(values);

    // Assess
    expectRelativelyClose(result[0] ?? Number.NaN, 2.5);
    expectRelativelyClose(result[1] ?? Number.NaN, 3.85);
    expectRelativelyClose(result[2] ?? Number.NaN, 3.97);
    expect(values).toEqual([4, 1, 3, 2]);
  });

  test.each([
    ['an empty sample', [], [0.5]],
    ['a NaN value', [1, Number.NaN, 3], [0.5]],
    ['an infinite value', [1, Number.POSITIVE_INFINITY], [0.5]],
    ['a level above 1', [1, 2], [1.5]],
    ['a negative level', [1, 2], [-0.01]],
    ['a NaN level', [1, 2], [Number.NaN]],
  ])('It throws on %s.', (_what, values, levels) => {
    // Prepare
    const input = values;

    // Act
    const act = () => percentiles(input, levels);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });

  test('It returns values within [min, max] that do not decrease with the level.', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (values, levels) => {
          // Prepare
          const sortedLevels = [...levels].sort((a, b) => a - b);

          // Act
          const result = percentiles(values, sortedLevels);

          // Assess
          const min = Math.min(...values);
          const max = Math.max(...values);
          for (let i = 0; i < result.length; i++) {
            const value = result[i] ?? Number.NaN;
            expect(value).toBeGreaterThanOrEqual(min);
            expect(value).toBeLessThanOrEqual(max);
            if (i > 0) expect(value).toBeGreaterThanOrEqual(result[i - 1] ?? Number.NaN);
          }
        },
      ),
    );
  });
});

describe('Function: quantile', () => {
  test.each([
    // [sorted values, q, expected] — h = (n − 1)·q, then interpolate between x[⌊h⌋] and x[⌊h⌋ + 1].
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10, 20, 30], 0.25, 15],
    [[10, 20, 30], 0.75, 25],
    [[0, 100], 0.99, 99],
  ])('It reads %j at q=%d as %d.', (values, q, expected) => {
    // Prepare
    const sorted = Float64Array.from(values);

    // Act
    const result = quantile(sorted, q);

    // Assess
    expectRelativelyClose(result, expected);
  });

  test('It throws on an empty sample.', () => {
    // Prepare
    const empty = new Float64Array(0);

    // Act
    const act = () => quantile(empty, 0.5);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
