import { describe, expect, test } from 'vitest';
import {
  correctDriftResults,
  type FeatureDriftResult,
  type FeatureDriftSpec,
  type FeatureSample,
  featureDrift,
  MISSING_CATEGORY,
} from '../../../functions/domain/evaluation/feature-drift.ts';
import { SparseHistogram } from '../../../functions/domain/histogram/histogram.ts';
import { SeededRandom } from '../../../functions/offline/random.ts';

const normal = (seed: number, n: number, mean = 0, sd = 1) => {
  const rnd = new SeededRandom(seed);
  return Float64Array.from({ length: n }, () => rnd.normal(mean, sd));
};

/** The two-sample KS statistic by brute force: the largest gap between the empirical CDFs at any value. */
function ksStatistic(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (const x of [...a, ...b]) {
    const fa = a.filter((v) => v <= x).length / a.length;
    const fb = b.filter((v) => v <= x).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

const numeric = (values: Float64Array, missing = 0): FeatureSample => ({ kind: 'numeric', values, missing });
const categorical = (counts: Record<string, number>, missing = 0): FeatureSample => ({
  kind: 'categorical',
  counts: new Map(Object.entries(counts)),
  missing,
});
const ks: FeatureDriftSpec = { feature: 'amount', kind: 'numeric', method: 'ks' };
const baseline = normal(1, 300);

/** featureDrift, then the correction a monitor applies (a single feature: adjusted p = raw p). */
function judge(spec: FeatureDriftSpec, reference: FeatureSample, current: FeatureSample, minSamples = 30) {
  return correctDriftResults(
    [featureDrift(spec, reference, current, minSamples)],
    'none',
  )[0] as FeatureDriftResult;
}

describe('Function: featureDrift', () => {
  test('It flags a numeric feature shifted by one standard deviation, with the brute-force KS statistic.', () => {
    // Prepare
    const current = normal(2, 200, 1);

    // Act
    const result = judge(ks, numeric(baseline), numeric(current));

    // Assess
    expect(result.statistic).toBeCloseTo(ksStatistic(baseline, current), 12);
    expect(result.pValue).toBeLessThan(1e-10);
    expect(result).toMatchObject({
      status: 'drifted',
      method: 'ks',
      approximate: false,
      referenceSize: 300,
      currentSize: 200,
    });
  });

  test('It does not flag a sample drawn from the same distribution.', () => {
    // Prepare
    const current = normal(3, 200);

    // Act
    const result = judge(ks, numeric(baseline), numeric(current));

    // Assess
    expect(result.statistic).toBeCloseTo(ksStatistic(baseline, current), 12);
    expect(result.status).toBe('ok');
  });

  test('It flags a numeric feature whose missing share grew by more than 10 points even when its values did not move.', () => {
    // Prepare: the same 200 values, but 60 more decisions without the feature (23% missing).
    const current = numeric(baseline.slice(0, 200), 60);

    // Act
    const result = judge(ks, numeric(baseline, 0), current);

    // Assess
    expect(result.currentMissingShare).toBeCloseTo(60 / 260, 12);
    expect(result.referenceMissingShare).toBe(0);
    expect(result.status).toBe('drifted');
    expect(result.detail).toMatch(/missing share moved from 0\.00 to 0\.231/);
  });

  test('It counts missing categorical values as a category of their own.', () => {
    // Prepare: identical proportions of the categories, but a third of the current values are missing.
    const spec: FeatureDriftSpec = { feature: 'channel', kind: 'categorical', method: 'chi_square' };
    const reference = categorical({ email: 300, chat: 300 });
    const current = categorical({ email: 200, chat: 200 }, 200);

    // Act
    const result = judge(spec, reference, current);

    // Assess: a 2×3 table [[300, 300, 0], [200, 200, 200]]: χ² = N·(sum of squared cells / row·col − 1).
    const table = [
      [300, 300, 0],
      [200, 200, 200],
    ];
    const rows = [600, 600];
    const cols = [500, 500, 200];
    const n = 1200;
    let chi2 = 0;
    table.forEach((r, i) => {
      r.forEach((o, j) => {
        const e = ((rows[i] as number) * (cols[j] as number)) / n;
        chi2 += (o - e) ** 2 / e;
      });
    });
    expect(result.statistic).toBeCloseTo(Math.sqrt(chi2 / n), 12);
    expect(result).toMatchObject({ status: 'drifted', currentSize: 400, referenceSize: 600 });
    expect(result.currentMissingShare).toBeCloseTo(1 / 3, 12);
  });

  test('It does not flag a categorical feature whose missing values keep their share.', () => {
    // Prepare
    const spec: FeatureDriftSpec = { feature: 'channel', kind: 'categorical', method: 'chi_square' };

    // Act
    const result = judge(
      spec,
      categorical({ email: 300, chat: 300 }, 60),
      categorical({ email: 100, chat: 100 }, 20),
    );

    // Assess
    expect(result.statistic).toBeCloseTo(0, 12);
    expect(result.status).toBe('ok');
    expect(MISSING_CATEGORY).toBe('(missing)');
  });

  test.each<[string, number, number]>([
    ['the baseline', 29, 100],
    ['the current window', 100, 29],
  ])('It gives no verdict when %s has fewer values than minSamples.', (_what, refN, curN) => {
    // Prepare
    const reference = numeric(normal(4, refN));
    const current = numeric(normal(5, curN, 5));

    // Act
    const result = judge({ ...ks, method: 'auto' }, reference, current, 30);

    // Assess
    expect(result).toMatchObject({
      status: 'insufficient_data',
      statistic: null,
      pValue: null,
      method: 'ks',
    });
  });

  test('It honours an explicit threshold: a 1σ shift is below a threshold of 2 standard deviations.', () => {
    // Prepare
    const spec: FeatureDriftSpec = {
      feature: 'amount',
      kind: 'numeric',
      method: 'wasserstein',
      threshold: 2,
    };

    // Act
    const result = judge(spec, numeric(baseline), numeric(normal(6, 200, 1)));

    // Assess
    expect(result.statistic).toBeGreaterThan(0.8);
    expect(result.statistic).toBeLessThan(1.2);
    expect(result).toMatchObject({ status: 'ok', threshold: 2, pValue: null });
  });

  test('It flags the shift from binned counters too, marked approximate.', () => {
    // Prepare
    const reference: FeatureSample = {
      kind: 'numeric',
      histogram: SparseHistogram.fromValues(normal(7, 300, 100, 10)),
      missing: 0,
    };
    const current: FeatureSample = {
      kind: 'numeric',
      histogram: SparseHistogram.fromValues(normal(8, 300, 110, 10)),
      missing: 0,
    };

    // Act
    const result = judge(ks, reference, current);

    // Assess
    expect(result).toMatchObject({ status: 'drifted', approximate: true });
  });

  test('It refuses to compare a numeric sample with category counts.', () => {
    // Prepare
    const reference = numeric(baseline);

    // Act
    const act = () => featureDrift(ks, reference, categorical({ a: 100 }), 1);

    // Assess
    expect(act).toThrow(TypeError);
  });
});

describe('Function: correctDriftResults', () => {
  const result = (feature: string, statistic: number, pValue: number | null): FeatureDriftResult => ({
    feature,
    kind: 'numeric',
    method: pValue === null ? 'wasserstein' : 'ks',
    status: 'ok',
    statistic,
    threshold: 0.1,
    pValue,
    adjustedPValue: null,
    referenceSize: 100,
    currentSize: 100,
    referenceMissingShare: 0,
    currentMissingShare: 0,
    approximate: false,
    detail: '',
  });
  const results = [
    result('a', 0.3, 0.01),
    result('b', 0.3, 0.04),
    result('c', 0.3, 0.03),
    result('d', 0.5, null),
  ];

  test.each<[Parameters<typeof correctDriftResults>[1], number[], string[]]>([
    // Hand computations: BH p(i)·m/i with running minimum from the top; Holm (m−i+1)·p(i) with running max.
    ['benjamini-hochberg', [0.03, 0.04, 0.04], ['drifted', 'drifted', 'drifted']],
    ['holm', [0.03, 0.06, 0.06], ['drifted', 'ok', 'ok']],
    ['bonferroni', [0.03, 0.12, 0.09], ['drifted', 'ok', 'ok']],
    ['none', [0.01, 0.04, 0.03], ['drifted', 'drifted', 'drifted']],
  ])(
    'It adjusts the test p-values with %s and leaves distance methods alone.',
    (correction, adjusted, statuses) => {
      // Prepare
      const input = results;

      // Act
      const corrected = correctDriftResults(input, correction);

      // Assess
      for (const [i, r] of corrected.slice(0, 3).entries()) {
        expect(r.adjustedPValue).toBeCloseTo(adjusted[i] as number, 12);
      }
      expect(corrected.slice(0, 3).map((r) => r.status)).toEqual(statuses);
      expect(corrected[3]).toEqual(results[3]);
    },
  );

  test('It keeps a test feature whose effect is below the threshold as ok, however small its p-value.', () => {
    // Prepare
    const tiny = [result('a', 0.05, 1e-12)];

    // Act
    const [corrected] = correctDriftResults(tiny, 'none');

    // Assess
    expect(corrected?.status).toBe('ok');
  });
});
