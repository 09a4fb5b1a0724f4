import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { coarsenHistograms } from '../../../functions/domain/histogram/coarse-bins.ts';
import { SparseHistogram } from '../../../functions/domain/histogram/histogram.ts';
import { binIndex, logBucketScheme } from '../../../functions/domain/histogram/log-buckets.ts';
import { reference } from './reference.ts';

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 120 });

describe('Function: coarsenHistograms', () => {
  test.each(reference.drift)('It cuts and counts "$name" as the Python reference does.', (fixture) => {
    // Prepare
    const ref = SparseHistogram.fromValues(fixture.reference);
    const cur = SparseHistogram.fromValues(fixture.current);

    // Act
    const coarse = coarsenHistograms(ref, cur, reference.coarseBins);

    // Assess
    expect(coarse.cuts).toEqual(fixture.binned.coarseCuts);
    expect(coarse.reference).toEqual(fixture.binned.coarseReference);
    expect(coarse.current).toEqual(fixture.binned.coarseCurrent);
  });

  test('It places the cut at the bin of numpy.quantile(method="lower") and keeps that bin on the left.', () => {
    // Prepare
    const ref = SparseHistogram.fromValues([1, 2, 3, 4]);
    const cur = SparseHistogram.fromValues([4, 5]);

    // Act
    const coarse = coarsenHistograms(ref, cur, 2);

    // Assess
    expect(coarse.cuts).toEqual([binIndex(2)]);
    expect(coarse.reference).toEqual([2, 2]);
    expect(coarse.current).toEqual([0, 2]);
  });

  test('It merges repeated cuts so a heavy bin yields fewer coarse bins.', () => {
    // Prepare
    const ref = SparseHistogram.fromValues([1, 5, 5, 5, 5, 5, 5, 5, 5, 9]);
    const cur = SparseHistogram.fromValues([0, 5, 100]);

    // Act
    const coarse = coarsenHistograms(ref, cur, 10);

    // Assess
    expect(coarse.cuts).toEqual([binIndex(1), binIndex(5)]);
    expect(coarse.reference).toEqual([1, 8, 1]);
    expect(coarse.current).toEqual([1, 1, 1]);
  });

  test('It returns a single coarse bin when the reference occupies one bin.', () => {
    // Prepare
    const ref = SparseHistogram.fromValues([7, 7, 7]);
    const cur = SparseHistogram.fromValues([-1, 7, 1e9]);

    // Act
    const coarse = coarsenHistograms(ref, cur);

    // Assess
    expect(coarse).toEqual({ cuts: [], reference: [3], current: [3] });
  });

  test('It preserves both totals, keeps cuts increasing and gives every coarse bin reference mass.', () => {
    // Prepare
    const input = fc.tuple(sample, sample, fc.integer({ min: 2, max: 25 }));

    // Act & Assess
    fc.assert(
      fc.property(input, ([a, b, bins]) => {
        const coarse = coarsenHistograms(SparseHistogram.fromValues(a), SparseHistogram.fromValues(b), bins);
        expect(coarse.reference.reduce((s, c) => s + c, 0)).toBe(a.length);
        expect(coarse.current.reduce((s, c) => s + c, 0)).toBe(b.length);
        expect(coarse.reference.length).toBeLessThanOrEqual(bins);
        expect(coarse.reference.length).toBe(coarse.cuts.length + 1);
        expect(coarse.reference.every((c) => c > 0)).toBe(true);
        for (let i = 1; i < coarse.cuts.length; i++) {
          expect(coarse.cuts[i] as number).toBeGreaterThan(coarse.cuts[i - 1] as number);
        }
      }),
    );
  });

  test('It gives each coarse bin about N/binCount reference values when no bin is heavy.', () => {
    // Prepare: 200 distinct values, each in its own log bin (ratio 1.05 > γ).
    const values = Array.from({ length: 200 }, (_, i) => 1.05 ** i);
    const ref = SparseHistogram.fromValues(values);

    // Act
    const coarse = coarsenHistograms(ref, ref, 10);

    // Assess
    expect(coarse.reference).toEqual([20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
  });

  test.each([
    ['a bin count of 1', [1], [1], 1],
    ['a fractional bin count', [1], [1], 2.5],
    ['a bin count above 1000', [1], [1], 1001],
    ['an empty reference', [], [1], 10],
    ['an empty current histogram', [1], [], 10],
  ])('It rejects %s.', (_name, a, b, bins) => {
    // Prepare
    const ref = SparseHistogram.fromValues(a);
    const cur = SparseHistogram.fromValues(b);

    // Act
    const coarsen = () => coarsenHistograms(ref, cur, bins);

    // Assess
    expect(coarsen).toThrow(InvalidStatisticInputError);
  });

  test('It rejects histograms built with different schemes.', () => {
    // Prepare
    const ref = SparseHistogram.fromValues([1, 2]);
    const cur = SparseHistogram.fromValues([1, 2], logBucketScheme({ alpha: 0.02 }));

    // Act
    const coarsen = () => coarsenHistograms(ref, cur);

    // Assess
    expect(coarsen).toThrow(InvalidStatisticInputError);
  });
});
