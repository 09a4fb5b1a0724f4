import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ksPValue, ksStatisticFromSorted } from '../../../functions/domain/drift/ks-two-sample.ts';
import { wasserstein1 } from '../../../functions/domain/drift/wasserstein.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { SparseHistogram } from '../../../functions/domain/histogram/histogram.ts';
import {
  histogramChiSquare,
  histogramDrift,
  histogramHellinger,
  histogramJensenShannon,
  histogramKsTest,
  histogramPsi,
  histogramWasserstein,
} from '../../../functions/domain/histogram/histogram-drift.ts';
import { logBucketScheme } from '../../../functions/domain/histogram/log-buckets.ts';
import { type DriftCase, expectRelativelyClose, expectWithinBound, reference } from './reference.ts';

const ALPHA = reference.scheme.alpha;

const histogramsOf = (fixture: DriftCase) =>
  [SparseHistogram.fromValues(fixture.reference), SparseHistogram.fromValues(fixture.current)] as const;

/** In-range values of both signs with some exact zeros, so every bound is finite. */
const sample = fc.array(
  fc.oneof(
    fc.constant(0),
    fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
    fc.double({ min: -1e6, max: -1e-3, noNaN: true }),
  ),
  { minLength: 1, maxLength: 100 },
);

describe('Function: histogramKsTest', () => {
  test.each(reference.drift)(
    'It matches the Python binned statistic and SciPy p-value for "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const result = histogramKsTest(ref, cur);

      // Assess
      expect(Math.abs(result.statistic - fixture.binned.ks)).toBeLessThanOrEqual(1e-12);
      expect(result.method).toBe(fixture.binned.ksMethod);
      expectWithinBound(result.pValue, fixture.binned.ksPValue, 1e-9 * fixture.binned.ksPValue, 'p-value');
      expect(result.errorBound).toBeCloseTo(fixture.binned.ksMaxBinMass, 14);
      expect([result.n, result.m]).toEqual([fixture.reference.length, fixture.current.length]);
    },
  );

  test.each(reference.drift)(
    'It underestimates scipy ks_2samp on "$name" by at most the documented bin mass.',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const result = histogramKsTest(ref, cur);

      // Assess
      const shortfall = fixture.exact.ks - result.statistic;
      expect(shortfall).toBeGreaterThanOrEqual(-1e-12);
      expect(shortfall).toBeLessThanOrEqual(result.errorBound + 1e-12);
      // A smaller statistic can only give a larger (conservative) p-value.
      expect(result.pValue).toBeGreaterThanOrEqual(fixture.exact.ksPValue * (1 - 1e-9));
    },
  );

  test('It chooses the asymptotic p-value when a sample exceeds 10 000 values and exact otherwise.', () => {
    // Prepare
    const large = reference.drift.find((c) => c.reference.length > 10_000);
    const small = reference.drift[0];
    if (large === undefined || small === undefined) throw new Error('fixture lacks a large case');

    // Act
    const largeResult = histogramKsTest(...histogramsOf(large));
    const smallResult = histogramKsTest(...histogramsOf(small));

    // Assess
    expect(largeResult.method).toBe('asymp');
    expect(largeResult.pValue).toBe(ksPValue(largeResult.statistic, 12_000, 2_500, 'asymp').pValue);
    expect(smallResult.method).toBe('exact');
  });

  test('It bounds the raw-sample statistic from below within errorBound for any samples.', () => {
    // Prepare
    const pair = fc.tuple(sample, sample);

    // Act & Assess
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const exact = ksStatisticFromSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
        const result = histogramKsTest(SparseHistogram.fromValues(a), SparseHistogram.fromValues(b));
        expect(result.statistic).toBeLessThanOrEqual(exact + 1e-12);
        expect(exact - result.statistic).toBeLessThanOrEqual(result.errorBound + 1e-12);
      }),
    );
  });

  test('It is symmetric in its arguments.', () => {
    // Prepare
    const pair = fc.tuple(sample, sample);

    // Act & Assess
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const ha = SparseHistogram.fromValues(a);
        const hb = SparseHistogram.fromValues(b);
        expect(histogramKsTest(ha, hb).statistic).toBe(histogramKsTest(hb, ha).statistic);
      }),
    );
  });

  test('It gives statistic 0 and p-value 1 for identical histograms.', () => {
    // Prepare
    const histogram = SparseHistogram.fromValues([1, 2, 3, 50, 50]);

    // Act
    const result = histogramKsTest(histogram, histogram.clone());

    // Assess
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBe(1);
  });

  test.each([
    ['an empty reference', [], [1]],
    ['an empty current histogram', [1], []],
  ])('It rejects %s.', (_name, a, b) => {
    // Prepare
    const [ref, cur] = [SparseHistogram.fromValues(a), SparseHistogram.fromValues(b)];

    // Act
    const run = () => histogramKsTest(ref, cur);

    // Assess
    expect(run).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: histogramWasserstein', () => {
  test.each(reference.drift)(
    'It matches the Python binned distance and normalisation for "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const result = histogramWasserstein(ref, cur);

      // Assess
      expectRelativelyClose(result.rawDistance, fixture.binned.wasserstein, 'binned W1');
      expectRelativelyClose(result.referenceStd, fixture.binned.referenceStd, 'binned reference std');
      expectRelativelyClose(result.value, fixture.binned.normalizedWasserstein, 'normalised W1');
      expectRelativelyClose(result.errorBound, fixture.binned.wassersteinErrorBound, 'error bound');
      expect(result.normalized).toBe(true);
    },
  );

  test.each(reference.drift)(
    'It stays within α·(mean|ref| + mean|cur|) of scipy wasserstein_distance on "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);
      const exact = fixture.exact;
      const n = fixture.reference.length;

      // Act
      const result = histogramWasserstein(ref, cur);

      // Assess
      const distanceBound = ALPHA * (exact.referenceMeanAbs + exact.currentMeanAbs);
      expectWithinBound(result.rawDistance, exact.wasserstein, distanceBound, 'W1 vs SciPy');
      expectWithinBound(result.rawDistance, exact.wasserstein, result.errorBound, 'W1 vs own bound');
      const stdBound = ALPHA * exact.referenceRms * Math.sqrt(n / (n - 1));
      expectWithinBound(result.referenceStd, exact.referenceStd, stdBound, 'reference std');
      // |W'/s' − W/s| ≤ (|W' − W| + (W/s)·|s' − s|) / s'
      const exactNormalized = exact.wasserstein / exact.referenceStd;
      const normalizedBound = (distanceBound + exactNormalized * stdBound) / result.referenceStd;
      expectWithinBound(result.value, exactNormalized, normalizedBound, 'normalised W1');
    },
  );

  test('It stays within its reported errorBound of the raw-sample distance for any samples.', () => {
    // Prepare
    const pair = fc.tuple(sample, sample);

    // Act & Assess
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const exact = wasserstein1(a, b);
        const result = histogramWasserstein(SparseHistogram.fromValues(a), SparseHistogram.fromValues(b));
        expectWithinBound(result.rawDistance, exact, result.errorBound, 'W1');
      }),
    );
  });

  test('It reports 0 for two samples in one bin although their raw distance is positive.', () => {
    // Prepare: the reason the bound is relative to the data's scale and not to W1.
    const ref = SparseHistogram.fromValues([100, 100]);
    const cur = SparseHistogram.fromValues([100.2, 100.2]);

    // Act
    const result = histogramWasserstein(ref, cur);

    // Assess
    expect(result.rawDistance).toBe(0);
    expect(wasserstein1([100, 100], [100.2, 100.2])).toBeCloseTo(0.2, 12);
    expect(result.errorBound).toBeGreaterThanOrEqual(0.2);
  });

  test.each([
    ['a single-value reference', [5], [5, 9]],
    ['a reference inside one bin', [5, 5.01, 5.02], [5, 9]],
  ])('It returns the raw distance unnormalised for %s.', (_name, a, b) => {
    // Prepare
    const [ref, cur] = [SparseHistogram.fromValues(a), SparseHistogram.fromValues(b)];

    // Act
    const result = histogramWasserstein(ref, cur);

    // Assess
    expect(result.normalized).toBe(false);
    expect(result.referenceStd).toBe(0);
    expect(result.value).toBe(result.rawDistance);
    expect(result.rawDistance).toBeGreaterThan(1.9);
  });

  test('It reports an infinite error bound once a value was clamped beyond maxMagnitude.', () => {
    // Prepare
    const ref = SparseHistogram.fromValues([1, 2, 3]);
    const cur = SparseHistogram.fromValues([1, 2, 1e15]);

    // Act
    const result = histogramWasserstein(ref, cur);

    // Assess
    expect(result.errorBound).toBe(Number.POSITIVE_INFINITY);
  });

  test('It rejects histograms built with different schemes.', () => {
    // Prepare
    const ref = SparseHistogram.fromValues([1, 2]);
    const cur = SparseHistogram.fromValues([1, 2], logBucketScheme({ minMagnitude: 1e-6 }));

    // Act
    const run = () => histogramWasserstein(ref, cur);

    // Assess
    expect(run).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: histogramPsi', () => {
  test.each(reference.drift)('It matches the Python PSI on the coarse bins of "$name".', (fixture) => {
    // Prepare
    const [ref, cur] = histogramsOf(fixture);

    // Act
    const psi = histogramPsi(ref, cur, { binCount: reference.coarseBins });

    // Assess
    expectRelativelyClose(psi, fixture.binned.psi, 'PSI');
  });

  test('It passes a custom epsilon through to the PSI.', () => {
    // Prepare
    const fixture = reference.drift.find((c) => c.binned.coarseCurrent.includes(0));
    if (fixture === undefined) throw new Error('fixture lacks a case with an empty current bin');
    const [ref, cur] = histogramsOf(fixture);

    // Act
    const defaultPsi = histogramPsi(ref, cur);
    const smallerEpsilon = histogramPsi(ref, cur, { epsilon: 1e-6 });

    // Assess
    expect(smallerEpsilon).toBeGreaterThan(defaultPsi);
  });
});

describe('Function: histogramJensenShannon', () => {
  test.each(reference.drift)(
    'It matches scipy jensenshannon(base=2) on the coarse bins of "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const distance = histogramJensenShannon(ref, cur);

      // Assess
      expectRelativelyClose(distance, fixture.binned.jensenShannon, 'Jensen–Shannon');
    },
  );
});

describe('Function: histogramHellinger', () => {
  test.each(reference.drift)(
    'It matches the Python Hellinger distance on the coarse bins of "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const distance = histogramHellinger(ref, cur);

      // Assess
      expect(distance).toBeCloseTo(fixture.binned.hellinger, 12);
    },
  );
});

describe('Function: histogramChiSquare', () => {
  test.each(reference.drift)(
    'It matches scipy chi2_contingency on the coarse bins of "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const result = histogramChiSquare(ref, cur);

      // Assess
      expectRelativelyClose(result.statistic, fixture.binned.chiSquare.statistic, 'X²');
      expect(result.dof).toBe(fixture.binned.chiSquare.dof);
      expectWithinBound(
        result.pValue,
        fixture.binned.chiSquare.pValue,
        1e-9 * fixture.binned.chiSquare.pValue,
      );
    },
  );
});

describe('Function: histogramDrift', () => {
  test.each(reference.drift)(
    'It bundles the same statistics as the individual functions for "$name".',
    (fixture) => {
      // Prepare
      const [ref, cur] = histogramsOf(fixture);

      // Act
      const report = histogramDrift(ref, cur);

      // Assess
      expect(report.ks).toEqual(histogramKsTest(ref, cur));
      expect(report.wasserstein).toEqual(histogramWasserstein(ref, cur));
      expect(report.psi).toBe(histogramPsi(ref, cur));
      expect(report.jensenShannon).toBe(histogramJensenShannon(ref, cur));
      expect(report.hellinger).toBe(histogramHellinger(ref, cur));
      expect(report.chiSquare).toEqual(histogramChiSquare(ref, cur));
      expect(report.coarse.cuts).toEqual(fixture.binned.coarseCuts);
    },
  );

  test('It rejects an invalid coarse bin count.', () => {
    // Prepare
    const histogram = SparseHistogram.fromValues([1, 2, 3]);

    // Act
    const run = () => histogramDrift(histogram, histogram, { binCount: 1 });

    // Assess
    expect(run).toThrow(InvalidStatisticInputError);
  });
});
