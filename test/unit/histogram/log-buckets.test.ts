import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  binBounds,
  binIndex,
  binKey,
  binRepresentative,
  DEFAULT_ALPHA,
  logBucketScheme,
  parseBinKey,
  resolveScheme,
  sameScheme,
} from '../../../functions/domain/histogram/log-buckets.ts';
import { expectRelativelyClose, reference } from './reference.ts';

const otherScheme = logBucketScheme({ alpha: 0.05, minMagnitude: 1e-6, maxMagnitude: 1e6 });
const edgeCases = [
  ...reference.edges.default.map(
    (edge) => ['α = 0.01', edge.value, edge, resolveScheme(DEFAULT_ALPHA)] as const,
  ),
  ...reference.edges['alpha0.05'].map((edge) => ['α = 0.05', edge.value, edge, otherScheme] as const),
];

/** Magnitudes that are binned without clamping and outside the zero bin, with either sign. */
const inRangeValue = fc
  .tuple(fc.double({ min: 1e-9, max: 1e12, noNaN: true }), fc.boolean())
  .map(([magnitude, negative]) => (negative ? -magnitude : magnitude));

describe('Function: logBucketScheme', () => {
  test('It derives the same exponents and bin bound as the Python reference for the default scheme.', () => {
    // Prepare
    const expected = reference.scheme;

    // Act
    const scheme = logBucketScheme();

    // Assess
    expect(scheme.alpha).toBe(expected.alpha);
    expectRelativelyClose(scheme.gamma, expected.gamma, 'gamma');
    expect(scheme.lowestExponent).toBe(expected.lowestExponent);
    expect(scheme.highestExponent).toBe(expected.highestExponent);
    expect(scheme.binsPerSign).toBe(2419);
    expect(scheme.maxBinCount).toBe(4839);
  });

  test('It derives the same exponents as the Python reference for a custom α and range.', () => {
    // Prepare
    const expected = reference.otherScheme;

    // Act
    const scheme = logBucketScheme({ alpha: expected.alpha, minMagnitude: 1e-6, maxMagnitude: 1e6 });

    // Assess
    expect(scheme.lowestExponent).toBe(expected.lowestExponent);
    expect(scheme.highestExponent).toBe(expected.highestExponent);
    expect(scheme.binsPerSign).toBe(expected.binsPerSign);
  });

  test.each([
    ['α = 0', { alpha: 0 }],
    ['α = 1', { alpha: 1 }],
    ['α negative', { alpha: -0.1 }],
    ['α NaN', { alpha: Number.NaN }],
    ['minMagnitude = 0', { minMagnitude: 0 }],
    ['minMagnitude infinite', { minMagnitude: Number.POSITIVE_INFINITY }],
    ['maxMagnitude below minMagnitude', { minMagnitude: 1, maxMagnitude: 0.5 }],
    ['maxMagnitude infinite', { maxMagnitude: Number.POSITIVE_INFINITY }],
    ['a key space too large for 32-bit indices', { alpha: 1e-12 }],
  ])('It rejects %s.', (_name, options) => {
    // Prepare
    const build = () => logBucketScheme(options);

    // Act & Assess
    expect(build).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: resolveScheme', () => {
  test('It returns the same cached scheme object for the same numeric α.', () => {
    // Prepare
    const alpha = 0.02;

    // Act
    const first = resolveScheme(alpha);
    const second = resolveScheme(alpha);

    // Assess
    expect(second).toBe(first);
    expect(first.alpha).toBe(alpha);
    expect(first.minMagnitude).toBe(1e-9);
  });

  test('It passes a scheme object through unchanged.', () => {
    // Prepare
    const scheme = logBucketScheme({ alpha: 0.03 });

    // Act
    const resolved = resolveScheme(scheme);

    // Assess
    expect(resolved).toBe(scheme);
  });
});

describe('Function: sameScheme', () => {
  test('It treats schemes with equal parameters as the same and differing ones as different.', () => {
    // Prepare
    const a = logBucketScheme({ alpha: 0.01 });
    const b = resolveScheme(0.01);
    const c = logBucketScheme({ alpha: 0.01, maxMagnitude: 1e9 });

    // Act & Assess
    expect(sameScheme(a, b)).toBe(true);
    expect(sameScheme(a, c)).toBe(false);
  });
});

describe('Function: binIndex', () => {
  test.each(edgeCases)(
    'It bins %s value %d as the Python reference does.',
    (_scheme, value, edge, scheme) => {
      // Prepare
      const expected = edge.index;

      // Act
      const index = binIndex(value, scheme);

      // Assess
      expect(index).toBe(expected);
    },
  );

  test.each(reference.quantiles)(
    'It bins every value of "$name" as the Python reference does.',
    (fixture) => {
      // Prepare
      const expected = new Map(Object.entries(fixture.record));

      // Act
      const counts = new Map<string, number>();
      for (const value of fixture.values) {
        const key = binKey(binIndex(value));
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }

      // Assess
      expect(counts).toEqual(expected);
    },
  );

  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('It rejects %d.', (value) => {
    // Prepare
    const bin = () => binIndex(value);

    // Act & Assess
    expect(bin).toThrow(InvalidStatisticInputError);
  });

  test('It puts magnitudes below minMagnitude, including -0 and subnormals, in the zero bin.', () => {
    // Prepare
    const tiny = [0, -0, 5e-324, -5e-324, 9.999e-10, -9.999e-10];

    // Act
    const indices = tiny.map((x) => binIndex(x));

    // Assess
    expect(indices).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('It clamps magnitudes above maxMagnitude into the last bin of their sign.', () => {
    // Prepare
    const scheme = resolveScheme(DEFAULT_ALPHA);

    // Act
    const high = binIndex(Number.MAX_VALUE);
    const low = binIndex(-1e20);

    // Assess
    expect(high).toBe(scheme.binsPerSign);
    expect(low).toBe(-scheme.binsPerSign);
  });

  test('It is monotone: a larger value never gets a smaller bin index.', () => {
    // Prepare
    const pair = fc.tuple(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );

    // Act & Assess
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(binIndex(x)).toBeLessThanOrEqual(binIndex(y));
      }),
    );
  });

  test.each([0.001, 0.01, 0.05, 0.2])(
    'It keeps every in-range value within relative α = %d of its bin representative.',
    (alpha) => {
      // Prepare
      const scheme = resolveScheme(alpha);

      // Act & Assess
      fc.assert(
        fc.property(inRangeValue, (x) => {
          const representative = binRepresentative(binIndex(x, scheme), scheme);
          expect(Math.abs(representative - x)).toBeLessThanOrEqual(alpha * Math.abs(x) * (1 + 1e-12));
        }),
      );
    },
  );
});

describe('Function: binRepresentative', () => {
  test.each(edgeCases)(
    'It returns the Python reference representative for the %s bin of %d.',
    (_scheme, _value, edge, scheme) => {
      // Prepare
      const index = edge.index;

      // Act
      const representative = binRepresentative(index, scheme);

      // Assess
      expectRelativelyClose(representative, edge.representative, 'representative');
    },
  );

  test('It is odd-symmetric: the negative bin has the negated representative.', () => {
    // Prepare
    const scheme = resolveScheme(DEFAULT_ALPHA);
    const index = fc.integer({ min: 1, max: scheme.binsPerSign });

    // Act & Assess
    fc.assert(
      fc.property(index, (k) => {
        expect(binRepresentative(-k)).toBe(-binRepresentative(k));
      }),
    );
  });

  test.each([0.5, 2420, -2420, Number.NaN])('It rejects the bin index %d.', (index) => {
    // Prepare
    const represent = () => binRepresentative(index);

    // Act & Assess
    expect(represent).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: binBounds', () => {
  test('It describes the zero bin as the open interval (−minMagnitude, minMagnitude).', () => {
    // Prepare
    const index = 0;

    // Act
    const bounds = binBounds(index);

    // Assess
    expect(bounds).toEqual({ lower: -1e-9, upper: 1e-9, lowerInclusive: false, upperInclusive: false });
  });

  test('It starts the lowest bins at ±minMagnitude and opens the clamping bins to ±Infinity.', () => {
    // Prepare
    const last = resolveScheme(DEFAULT_ALPHA).binsPerSign;

    // Act
    const lowest = binBounds(1);
    const lowestNegative = binBounds(-1);
    const top = binBounds(last);
    const bottom = binBounds(-last);

    // Assess
    expect(lowest.lower).toBe(1e-9);
    expect(lowest.lowerInclusive).toBe(true);
    expect(lowestNegative.upper).toBe(-1e-9);
    expect(lowestNegative.upperInclusive).toBe(true);
    expect(top.upper).toBe(Number.POSITIVE_INFINITY);
    expect(bottom.lower).toBe(Number.NEGATIVE_INFINITY);
  });

  test('It tiles the positive axis: each bin starts where the previous one ends.', () => {
    // Prepare
    const scheme = resolveScheme(DEFAULT_ALPHA);
    const index = fc.integer({ min: 1, max: scheme.binsPerSign - 1 });

    // Act & Assess
    fc.assert(
      fc.property(index, (k) => {
        expect(binBounds(k + 1).lower).toBe(binBounds(k).upper);
        expect(binBounds(-k - 1).upper).toBe(binBounds(-k).lower);
      }),
    );
  });

  test('It contains every value that binIndex maps to the bin.', () => {
    // Prepare
    const inside = (x: number, b: ReturnType<typeof binBounds>) =>
      (b.lowerInclusive ? x >= b.lower : x > b.lower) && (b.upperInclusive ? x <= b.upper : x < b.upper);

    // Act & Assess
    fc.assert(
      fc.property(inRangeValue, (x) => {
        // Values within an ulp of a bucket edge could land on either side through Math.log rounding;
        // random doubles hit such a value with probability ~1e-14, so the check is exact.
        expect(inside(x, binBounds(binIndex(x)))).toBe(true);
      }),
    );
  });
});

describe('Function: binKey', () => {
  test.each([
    [0, 'z'],
    [1, 'p1'],
    [123, 'p123'],
    [-45, 'n45'],
    [2419, 'p2419'],
  ])('It encodes bin index %d as %s.', (index, expected) => {
    // Prepare
    const input = index;

    // Act
    const key = binKey(input);

    // Assess
    expect(key).toBe(expected);
  });

  test.each([1.5, Number.NaN, 2 ** 60])('It rejects the non-integer or unsafe index %d.', (index) => {
    // Prepare
    const encode = () => binKey(index);

    // Act & Assess
    expect(encode).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: parseBinKey', () => {
  test.each([
    ['z', 0],
    ['p1', 1],
    ['p123', 123],
    ['n45', -45],
  ])('It decodes %s as bin index %d.', (key, expected) => {
    // Prepare
    const input = key;

    // Act
    const index = parseBinKey(input);

    // Assess
    expect(index).toBe(expected);
  });

  test.each(['', 'p0', 'n0', 'p01', 'p-1', 'P1', 'x1', 'zz', 'p1 ', 'p', 'p1e3', 'p12345678901'])(
    'It rejects the foreign attribute name %j.',
    (key) => {
      // Prepare
      const decode = () => parseBinKey(key);

      // Act & Assess
      expect(decode).toThrow(InvalidStatisticInputError);
    },
  );

  test('It inverts binKey for every index of the default scheme.', () => {
    // Prepare
    const index = fc.integer({ min: -2419, max: 2419 });

    // Act & Assess
    fc.assert(
      fc.property(index, (i) => {
        expect(parseBinKey(binKey(i))).toBe(i);
      }),
    );
  });
});
