import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { wasserstein1Weighted } from '../../../functions/domain/drift/wasserstein.ts';
import { SparseHistogram } from '../../../functions/domain/histogram/histogram.ts';
import { histogramWasserstein } from '../../../functions/domain/histogram/histogram-drift.ts';

/**
 * The evaluation builds a window's histograms in whatever order its counters come (bucket by bucket in the
 * pipeline, from a range sum offline), so every statistic of a histogram must depend on its counts alone,
 * to the bit.
 */
const bins = fc.uniqueArray(
  fc.tuple(fc.integer({ min: -2400, max: 2400 }), fc.integer({ min: 1, max: 1000 })),
  {
    minLength: 2,
    maxLength: 60,
    selector: ([index]) => index,
  },
);

function histogramOf(entries: readonly (readonly [number, number])[]): SparseHistogram {
  const h = new SparseHistogram();
  for (const [index, count] of entries) h.addToBin(index, count);
  return h;
}

describe('Histogram statistics and insertion order', () => {
  test('Mean and standard deviation are bit-identical whatever order the bins were added in.', () => {
    fc.assert(
      fc.property(bins, fc.integer(), (entries, seed) => {
        // Prepare
        const shuffled = [...entries].sort(
          (a, b) => ((a[0] * 7919 + seed) % 101) - ((b[0] * 7919 + seed) % 101),
        );
        const a = histogramOf(entries);
        const b = histogramOf(shuffled);

        // Act + Assess
        expect(Object.is(a.mean(), b.mean())).toBe(true);
        expect(Object.is(a.standardDeviation(0), b.standardDeviation(0))).toBe(true);
        expect(Object.is(a.standardDeviation(1), b.standardDeviation(1))).toBe(true);
      }),
    );
  });

  test('The histogram Wasserstein distance is bit-identical whatever order the bins were added in.', () => {
    fc.assert(
      fc.property(bins, bins, (ref, cur) => {
        // Act
        const forward = histogramWasserstein(histogramOf(ref), histogramOf(cur));
        const backward = histogramWasserstein(
          histogramOf([...ref].reverse()),
          histogramOf([...cur].reverse()),
        );

        // Assess
        expect(backward).toStrictEqual(forward);
      }),
    );
  });

  test('Weighted Wasserstein gives the same result for its support in any order.', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        (values, seed) => {
          // Prepare
          const weightsA = values.map((_, i) => ((i * 31 + seed) & 7) + 1);
          const weightsB = values.map((_, i) => ((i * 17 + seed) & 5) + 1);
          const order = values.map((_, i) => i).sort((x, y) => (values[x] as number) - (values[y] as number));
          const pick = (xs: readonly number[]) => order.map((i) => xs[i] as number);

          // Act
          const unsorted = wasserstein1Weighted(values, weightsA, weightsB);
          const sorted = wasserstein1Weighted(pick(values), pick(weightsA), pick(weightsB));

          // Assess
          expect(Object.is(unsorted, sorted)).toBe(true);
        },
      ),
    );
  });
});
