import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { type QuantileMethod, SparseHistogram } from '../../../functions/domain/histogram/histogram.ts';
import { logBucketScheme } from '../../../functions/domain/histogram/log-buckets.ts';
import { expectRelativelyClose, expectWithinBound, reference } from './reference.ts';

const ALPHA = reference.scheme.alpha;
const MIN_MAGNITUDE = reference.scheme.minMagnitude;
const methods: readonly QuantileMethod[] = ['lower', 'higher', 'linear'];

const quantileCases = reference.quantiles.flatMap((fixture) =>
  methods.flatMap((method) =>
    reference.quantileLevels.map((q, j) => [fixture.name, method, q, fixture, j] as const),
  ),
);

/** Any finite double, including values clamped into the last bins and the zero bin. */
const anyValues = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 60 });
/** Values binned without clamping, of both signs, with some exact zeros. */
const inRangeValues = fc.array(
  fc.oneof(
    fc.constant(0),
    fc.double({ min: 1e-9, max: 1e12, noNaN: true }),
    fc.double({ min: -1e12, max: -1e-9, noNaN: true }),
  ),
  { minLength: 1, maxLength: 80 },
);
const level = fc.double({ min: 0, max: 1, noNaN: true });

/** Error bound of a single order statistic x: relative α, or absolute minMagnitude in the zero bin. */
const orderStatisticBound = (x: number) =>
  Math.abs(x) < MIN_MAGNITUDE ? MIN_MAGNITUDE : ALPHA * Math.abs(x);

describe('Function: SparseHistogram.fromValues', () => {
  test.each(reference.quantiles)(
    'It builds the same bins as the Python reference for "$name".',
    (fixture) => {
      // Prepare
      const values = fixture.values;

      // Act
      const histogram = SparseHistogram.fromValues(values);

      // Assess
      expect(histogram.toRecord()).toEqual(fixture.record);
      expect(histogram.binCount).toBe(fixture.binCount);
      expect(histogram.total).toBe(values.length);
    },
  );

  test('It rejects a sample containing NaN.', () => {
    // Prepare
    const values = [1, Number.NaN];

    // Act
    const build = () => SparseHistogram.fromValues(values);

    // Assess
    expect(build).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: SparseHistogram.quantile', () => {
  test.each(quantileCases)(
    'It matches the Python binned quantile for "%s" (%s, q = %d).',
    (_name, method, q, fixture, j) => {
      // Prepare
      const histogram = SparseHistogram.fromValues(fixture.values);

      // Act
      const value = histogram.quantile(q, method);

      // Assess
      expectRelativelyClose(value, fixture.binned[method][j] as number, 'binned quantile');
    },
  );

  test.each(quantileCases)(
    'It stays within the documented bound of numpy.quantile for "%s" (%s, q = %d).',
    (_name, method, q, fixture, j) => {
      // Prepare
      const histogram = SparseHistogram.fromValues(fixture.values);
      const lower = fixture.exact.lower[j] as number;
      const higher = fixture.exact.higher[j] as number;
      const h = (fixture.values.length - 1) * q;
      const f = h - Math.floor(h);
      const bound =
        method === 'lower'
          ? orderStatisticBound(lower)
          : method === 'higher'
            ? orderStatisticBound(higher)
            : (1 - f) * orderStatisticBound(lower) + f * orderStatisticBound(higher);

      // Act
      const value = histogram.quantile(q, method);

      // Assess
      expectWithinBound(value, fixture.exact[method][j] as number, bound, `${method} quantile`);
    },
  );

  test('It is within relative α of the exact lower and higher order statistics of any in-range sample.', () => {
    // Prepare
    const sample = fc.tuple(inRangeValues, level);

    // Act & Assess
    fc.assert(
      fc.property(sample, ([values, q]) => {
        const sorted = Float64Array.from(values).sort();
        const histogram = SparseHistogram.fromValues(values);
        const h = (values.length - 1) * q;
        for (const [method, rank] of [
          ['lower', Math.floor(h)],
          ['higher', Math.ceil(h)],
        ] as const) {
          const exact = sorted[rank] as number;
          const error = Math.abs(histogram.quantile(q, method) - exact);
          expect(error).toBeLessThanOrEqual(orderStatisticBound(exact) * (1 + 1e-12));
        }
      }),
    );
  });

  test('It is monotone in q for every method.', () => {
    // Prepare
    const sample = fc.tuple(inRangeValues, level, level);

    // Act & Assess
    fc.assert(
      fc.property(sample, ([values, a, b]) => {
        const histogram = SparseHistogram.fromValues(values);
        const [q1, q2] = a <= b ? [a, b] : [b, a];
        for (const method of methods) {
          // Linear interpolation of two doubles may round by an ulp; allow exactly that.
          const low = histogram.quantile(q1, method);
          const high = histogram.quantile(q2, method);
          expect(low).toBeLessThanOrEqual(high + 1e-15 * Math.abs(high));
        }
      }),
    );
  });

  test('It returns the minimum and maximum representatives at q = 0 and q = 1.', () => {
    // Prepare
    const histogram = SparseHistogram.fromValues([-5, 0, 2, 300]);

    // Act
    const minimum = histogram.quantile(0);
    const maximum = histogram.quantile(1);

    // Assess
    expectWithinBound(minimum, -5, 0.05);
    expectWithinBound(maximum, 300, 3);
  });

  test.each([
    ['an empty histogram', [], 0.5],
    ['q below 0', [1], -0.1],
    ['q above 1', [1], 1.1],
    ['q NaN', [1], Number.NaN],
  ])('It rejects %s.', (_name, values, q) => {
    // Prepare
    const histogram = SparseHistogram.fromValues(values);

    // Act
    const compute = () => histogram.quantile(q);

    // Assess
    expect(compute).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: SparseHistogram.mean', () => {
  test.each(reference.quantiles)(
    'It matches the Python binned mean and the exact mean of "$name".',
    (fixture) => {
      // Prepare
      const histogram = SparseHistogram.fromValues(fixture.values);

      // Act
      const mean = histogram.mean();

      // Assess
      // Centred features have a mean ≈ 0 that cancels, so rounding is judged against the values' scale.
      expectWithinBound(mean, fixture.binnedMean, 1e-12 * fixture.exactMeanAbs, 'binned mean');
      expectWithinBound(mean, fixture.exactMean, ALPHA * fixture.exactMeanAbs, 'mean vs numpy.mean');
    },
  );

  test('It rejects an empty histogram.', () => {
    // Prepare
    const histogram = new SparseHistogram();

    // Act
    const compute = () => histogram.mean();

    // Assess
    expect(compute).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: SparseHistogram.standardDeviation', () => {
  test.each(reference.quantiles)(
    'It matches the Python binned standard deviation and numpy.std of "$name" within α·rms.',
    (fixture) => {
      // Prepare
      const histogram = SparseHistogram.fromValues(fixture.values);

      // Act
      const std = histogram.standardDeviation();

      // Assess
      expectRelativelyClose(std, fixture.binnedStd, 'binned std');
      expectWithinBound(std, fixture.exactStd, ALPHA * fixture.exactRms, 'std vs numpy.std');
    },
  );

  test.each(reference.quantiles)(
    'It matches numpy.std(ddof=1) of "$name" within α·rms·√(n/(n−1)) with ddof 1.',
    (fixture) => {
      // Prepare
      const histogram = SparseHistogram.fromValues(fixture.values);
      const n = fixture.values.length;

      // Act
      const std = histogram.standardDeviation(1);

      // Assess
      expectRelativelyClose(std, fixture.binnedSampleStd, 'binned sample std');
      expectWithinBound(
        std,
        fixture.exactSampleStd,
        ALPHA * fixture.exactRms * Math.sqrt(n / (n - 1)),
        'std',
      );
    },
  );

  test.each([
    ['ddof 0 on an empty histogram', [], 0],
    ['ddof 1 on a single value', [3], 1],
    ['ddof 2', [1, 2, 3], 2],
  ] as const)('It rejects %s.', (_name, values, ddof) => {
    // Prepare
    const histogram = SparseHistogram.fromValues(values);

    // Act
    const compute = () => histogram.standardDeviation(ddof as 0 | 1);

    // Assess
    expect(compute).toThrow(InvalidStatisticInputError);
  });

  test('It is 0 for a sample whose values share one bin.', () => {
    // Prepare
    const histogram = SparseHistogram.fromValues([100, 100.1, 100.2]);

    // Act
    const std = histogram.standardDeviation();

    // Assess
    expect(std).toBe(0);
  });
});

describe('Function: SparseHistogram.add', () => {
  test('It adds the given count to the value bin and the total.', () => {
    // Prepare
    const histogram = new SparseHistogram();

    // Act
    histogram.add(100, 3).add(100.1).add(-2);

    // Assess
    expect(histogram.toRecord()).toEqual({ n1072: 1, p1268: 4 });
    expect(histogram.total).toBe(5);
  });

  test('It ignores a zero count without creating a bin.', () => {
    // Prepare
    const histogram = new SparseHistogram();

    // Act
    histogram.add(7, 0);

    // Assess
    expect(histogram.binCount).toBe(0);
    expect(histogram.total).toBe(0);
  });

  test.each([
    ['a negative count', 1, -1],
    ['a fractional count', 1, 0.5],
    ['an unsafe count', 1, 2 ** 53],
    ['an infinite value', Number.POSITIVE_INFINITY, 1],
    ['a NaN value with count 0', Number.NaN, 0],
  ])('It rejects %s.', (_name, value, count) => {
    // Prepare
    const histogram = new SparseHistogram();

    // Act
    const add = () => histogram.add(value, count);

    // Assess
    expect(add).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: SparseHistogram.addToBin', () => {
  test.each([
    ['a fractional index', 1.5, 1],
    ['an index beyond the scheme', 2420, 1],
    ['a negative count', 3, -2],
  ])('It rejects %s.', (_name, index, count) => {
    // Prepare
    const histogram = new SparseHistogram();

    // Act
    const add = () => histogram.addToBin(index, count);

    // Assess
    expect(add).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: SparseHistogram.merge', () => {
  test('It equals the histogram of the union of both samples, bin by bin.', () => {
    // Prepare
    const samples = fc.tuple(anyValues, anyValues);

    // Act & Assess
    fc.assert(
      fc.property(samples, ([a, b]) => {
        const merged = SparseHistogram.fromValues(a).merge(SparseHistogram.fromValues(b));
        const union = SparseHistogram.fromValues([...a, ...b]);
        expect(merged.toRecord()).toEqual(union.toRecord());
        expect(merged.equals(union)).toBe(true);
      }),
    );
  });

  test('It is commutative.', () => {
    // Prepare
    const samples = fc.tuple(anyValues, anyValues);

    // Act & Assess
    fc.assert(
      fc.property(samples, ([a, b]) => {
        const ha = SparseHistogram.fromValues(a);
        const hb = SparseHistogram.fromValues(b);
        expect(ha.clone().merge(hb).equals(hb.clone().merge(ha))).toBe(true);
      }),
    );
  });

  test('It is associative.', () => {
    // Prepare
    const samples = fc.tuple(anyValues, anyValues, anyValues);

    // Act & Assess
    fc.assert(
      fc.property(samples, ([a, b, c]) => {
        const [ha, hb, hc] = [a, b, c].map((v) => SparseHistogram.fromValues(v)) as [
          SparseHistogram,
          SparseHistogram,
          SparseHistogram,
        ];
        const left = ha.clone().merge(hb).merge(hc);
        const right = ha.clone().merge(hb.clone().merge(hc));
        expect(left.equals(right)).toBe(true);
      }),
    );
  });

  test('It preserves the total count.', () => {
    // Prepare
    const samples = fc.tuple(anyValues, anyValues);

    // Act & Assess
    fc.assert(
      fc.property(samples, ([a, b]) => {
        const merged = SparseHistogram.fromValues(a).merge(SparseHistogram.fromValues(b));
        const summed = Object.values(merged.toRecord()).reduce((s, c) => s + c, 0);
        expect(merged.total).toBe(a.length + b.length);
        expect(summed).toBe(merged.total);
      }),
    );
  });

  test('It leaves the merged-in histogram unchanged.', () => {
    // Prepare
    const target = SparseHistogram.fromValues([1, 2]);
    const source = SparseHistogram.fromValues([3]);

    // Act
    target.merge(source);

    // Assess
    expect(source.total).toBe(1);
    expect(target.total).toBe(3);
  });

  test('It refreshes quantiles computed before the merge.', () => {
    // Prepare
    const target = SparseHistogram.fromValues([1, 1, 1]);
    const before = target.quantile(1);

    // Act
    target.merge(SparseHistogram.fromValues([1000]));

    // Assess
    expectWithinBound(before, 1, 0.01);
    expectWithinBound(target.quantile(1), 1000, 10);
  });

  test('It rejects histograms built with different schemes.', () => {
    // Prepare
    const a = new SparseHistogram(0.01);
    const b = new SparseHistogram(logBucketScheme({ alpha: 0.01, maxMagnitude: 1e6 }));

    // Act
    const merge = () => a.merge(b);

    // Assess
    expect(merge).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: SparseHistogram.equals', () => {
  test.each([
    ['different counts', [1, 1], [1]],
    ['different bins', [1], [2]],
    ['a subset of bins', [1, 2], [1]],
  ])('It tells histograms with %s apart.', (_name, a, b) => {
    // Prepare
    const ha = SparseHistogram.fromValues(a);
    const hb = SparseHistogram.fromValues(b);

    // Act
    const same = ha.equals(hb);

    // Assess
    expect(same).toBe(false);
  });
});

describe('Function: SparseHistogram.sortedBins', () => {
  test('It lists bins in increasing value order with their counts.', () => {
    // Prepare
    const histogram = SparseHistogram.fromValues([5, -5, 0, 5, -0.001]);

    // Act
    const { indices, counts } = histogram.sortedBins();

    // Assess
    expect(Array.from(indices)).toEqual([-1118, -692, 0, 1118]);
    expect(Array.from(counts)).toEqual([1, 1, 1, 2]);
  });
});

describe('Function: SparseHistogram.toRecord / fromRecord', () => {
  test('It round-trips any histogram through its DynamoDB record.', () => {
    // Prepare
    const values = anyValues;

    // Act & Assess
    fc.assert(
      fc.property(values, (v) => {
        const histogram = SparseHistogram.fromValues(v);
        const restored = SparseHistogram.fromRecord(histogram.toRecord());
        expect(restored.equals(histogram)).toBe(true);
        expect(restored.total).toBe(histogram.total);
      }),
    );
  });

  test.each(reference.quantiles)('It reads the Python reference record of "$name".', (fixture) => {
    // Prepare
    const record = fixture.record;

    // Act
    const histogram = SparseHistogram.fromRecord(record);

    // Assess
    expect(histogram.total).toBe(fixture.values.length);
    expectRelativelyClose(histogram.quantile(0.5), fixture.binned.lower[7] as number, 'median');
  });

  test('It skips zero counters.', () => {
    // Prepare
    const record = { p10: 0, z: 2 };

    // Act
    const histogram = SparseHistogram.fromRecord(record);

    // Assess
    expect(histogram.toRecord()).toEqual({ z: 2 });
  });

  test.each([
    ['a foreign attribute', { monitorId: 1 }],
    ['a negative counter', { p10: -1 }],
    ['a fractional counter', { p10: 1.5 }],
    ['a bin beyond the scheme', { p2420: 1 }],
  ])('It rejects a record with %s.', (_name, record) => {
    // Prepare
    const read = () => SparseHistogram.fromRecord(record);

    // Act & Assess
    expect(read).toThrow(InvalidStatisticInputError);
  });
});
