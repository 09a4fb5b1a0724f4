import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ksPValue,
  ksStatisticFromSorted,
  ksTwoSample,
} from '../../../functions/domain/drift/ks-two-sample.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture, relativeError } from './fixture.ts';

/**
 * Tolerances. SciPy's exact p-values are exact up to rounding, and ours come out within 1e-15 relative, so
 * 1e-12 is tight. The asymptotic p-values go through kstwo (Durbin matrix / Smirnov sum / Pelz–Good);
 * our implementation agrees to ~1e-11 relative, so 1e-9 leaves margin for platform libm differences.
 */
const EXACT_RTOL = 1e-12;
const ASYMP_RTOL = 1e-9;

/** Independent exact reference: counts lattice paths with BigInt (feasible for n + m ≤ ~30). */
function bigIntExactPValue(n: number, m: number, h: number): number {
  const g = gcdOf(n, m);
  const bound = BigInt(h * g);
  const inside: bigint[][] = Array.from({ length: m + 1 }, () => new Array<bigint>(n + 1).fill(0n));
  for (let x = 0; x <= m; x++) {
    for (let y = 0; y <= n; y++) {
      const gap = BigInt(x * n - y * m);
      if (gap >= bound || -gap >= bound) {
        continue;
      }
      const row = inside[x] ?? [];
      row[y] = x === 0 && y === 0 ? 1n : (inside[x - 1]?.[y] ?? 0n) + (row[y - 1] ?? 0n);
    }
  }
  let total = 1n;
  for (let k = 1; k <= n; k++) {
    total = (total * BigInt(m + k)) / BigInt(k);
  }
  const stayed = inside[m]?.[n] ?? 0n;
  return Number(total - stayed) / Number(total);
}

function gcdOf(a: number, b: number): number {
  return b === 0 ? a : gcdOf(b, a % b);
}

describe('Function: ksTwoSample', () => {
  test.each(fixture.ks.filter((c) => !c.scipyFellBack))('matches SciPy ks_2samp for $name', (c) => {
    // Prepare
    const expectedMethod = c.scipyMethod;

    // Act
    const result = ksTwoSample(c.reference, c.current, { method: c.method });

    // Assess
    expect(result.method).toBe(expectedMethod);
    expect(result.statistic).toBeCloseTo(c.statistic, 14);
    const tolerance = expectedMethod === 'exact' ? EXACT_RTOL : ASYMP_RTOL;
    expect(relativeError(result.pValue, c.pValue), `p ${result.pValue} vs ${c.pValue}`).toBeLessThanOrEqual(
      tolerance,
    );
  });

  test.each(fixture.ks.filter((c) => c.exactPValue !== undefined && c.scipyMethod === 'exact'))(
    'matches the exact integer lattice-path count for $name',
    (c) => {
      // Prepare
      const expected = c.exactPValue ?? Number.NaN;

      // Act
      const result = ksTwoSample(c.reference, c.current, { method: c.method });

      // Assess
      expect(closeTo(result.pValue, expected, EXACT_RTOL), `p ${result.pValue} vs ${expected}`).toBe(true);
    },
  );

  test.each(fixture.ks.filter((c) => c.scipyFellBack))(
    'keeps the exact p-value of 1 where SciPy 1.10 discards it for rounding above 1 ($name)',
    (c) => {
      // Prepare
      const expected = c.exactPValue ?? Number.NaN;

      // Act
      const result = ksTwoSample(c.reference, c.current);

      // Assess
      expect(result.method).toBe('exact');
      expect(result.statistic).toBeCloseTo(c.statistic, 14);
      expect(result.pValue).toBe(expected);
    },
  );

  test.each(fixture.ksLarge.cases)(
    'takes the asymptotic path above 10 000 values like SciPy for $name',
    (c) => {
      // Prepare
      const reference = fixture.ksLarge.samples[c.reference] ?? [];
      const current = fixture.ksLarge.samples[c.current] ?? [];

      // Act
      const result = ksTwoSample(reference, current);

      // Assess
      expect(result.method).toBe('asymp');
      expect(result.statistic).toBeCloseTo(c.statistic, 14);
      expect(relativeError(result.pValue, c.pValue), `p ${result.pValue} vs ${c.pValue}`).toBeLessThanOrEqual(
        ASYMP_RTOL,
      );
    },
  );

  test('accepts typed arrays and leaves the caller’s arrays unsorted', () => {
    // Prepare
    const reference = new Float64Array([3, 1, 2]);
    const current = [6, 4, 5];

    // Act
    const result = ksTwoSample(reference, current);

    // Assess
    expect(result.statistic).toBe(1);
    expect(Array.from(reference)).toEqual([3, 1, 2]);
    expect(current).toEqual([6, 4, 5]);
  });

  test.each([
    { name: 'an empty reference', reference: [], current: [1] },
    { name: 'an empty current sample', reference: [1], current: [] },
    { name: 'a NaN', reference: [1, Number.NaN], current: [1] },
    { name: 'an infinity', reference: [1], current: [Number.POSITIVE_INFINITY] },
  ])('throws InvalidStatisticInputError on $name', ({ reference, current }) => {
    // Prepare
    const act = () => ksTwoSample(reference, current);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });

  test('returns a statistic in [0, 1] that is symmetric in its two samples, with the same p-value', () => {
    const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        // Act
        const forward = ksTwoSample(a, b);
        const backward = ksTwoSample(b, a);

        // Assess
        expect(forward.statistic).toBeGreaterThanOrEqual(0);
        expect(forward.statistic).toBeLessThanOrEqual(1);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
        expect(backward.statistic).toBe(forward.statistic);
        expect(backward.pValue).toBe(forward.pValue);
      }),
    );
  });

  test('is invariant under a strictly increasing transformation of both samples', () => {
    const sample = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        // Prepare: v ↦ v³ + 1000 is strictly increasing and exact on these integers
        const transform = (v: number) => v * v * v + 1000;

        // Act
        const raw = ksTwoSample(a, b);
        const transformed = ksTwoSample(a.map(transform), b.map(transform));

        // Assess
        expect(transformed.statistic).toBe(raw.statistic);
      }),
    );
  });
});

describe('Function: ksPValue', () => {
  test('equals an independent BigInt lattice-path count for every small pair of sizes and statistic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 13 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, m, fraction) => {
          // Prepare
          const lcm = (n * m) / gcdOf(n, m);
          const h = Math.max(1, Math.round(fraction * lcm));
          const d = h / lcm;

          // Act
          const result = ksPValue(d, n, m, 'exact');

          // Assess
          expect(result.method).toBe('exact');
          expect(closeTo(result.pValue, bigIntExactPValue(n, m, h), 1e-12, 1e-15)).toBe(true);
        },
      ),
    );
  });

  test('is non-increasing in the statistic on the exact path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (n, m) => {
        // Prepare
        const lcm = (n * m) / gcdOf(n, m);
        const steps = Math.min(lcm, 50);

        // Act
        const pValues = Array.from({ length: steps + 1 }, (_, k) => ksPValue(k / steps, n, m).pValue);

        // Assess
        for (let k = 1; k < pValues.length; k++) {
          expect(pValues[k]).toBeLessThanOrEqual((pValues[k - 1] ?? 0) + 1e-15);
        }
      }),
    );
  });

  test('snaps a statistic computed from bins to the lattice h / lcm(n, m) on the exact path', () => {
    // Prepare
    const binned = 1 / 3 + 1e-13;

    // Act
    const result = ksPValue(binned, 3, 6, 'exact');

    // Assess
    expect(result.statistic).toBe(2 / 6);
  });

  test.each([
    { name: 'both sizes at the SciPy limit', n: 10_000, m: 10_000, method: 'exact' },
    { name: 'one size above the SciPy limit', n: 10_001, m: 50, method: 'asymp' },
  ] as const)('chooses the $method method in auto mode for $name', ({ n, m, method }) => {
    // Act
    const result = ksPValue(0.02, n, m);

    // Assess
    expect(result.method).toBe(method);
  });

  test('falls back to the asymptotic distribution when lcm(n, m) overflows int32, as SciPy does', () => {
    // Act
    const result = ksPValue(0.01, 100_000, 99_999, 'exact');

    // Assess
    expect(result.method).toBe('asymp');
  });

  test('falls back to the asymptotic distribution when the exact lattice exceeds the work budget', () => {
    // Act
    const result = ksPValue(0.5, 20_000, 19_999, 'exact');

    // Assess
    expect(result.method).toBe('asymp');
    expect(result.pValue).toBe(0);
  });

  test.each([
    { name: 'a statistic above 1', d: 1.5, n: 3, m: 3 },
    { name: 'a NaN statistic', d: Number.NaN, n: 3, m: 3 },
    { name: 'a zero sample size', d: 0.5, n: 0, m: 3 },
    { name: 'a fractional sample size', d: 0.5, n: 2.5, m: 3 },
  ])('throws InvalidStatisticInputError on $name', ({ d, n, m }) => {
    // Prepare
    const act = () => ksPValue(d, n, m);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: ksStatisticFromSorted', () => {
  test.each([
    { name: 'interleaved samples', a: [1, 2, 3], b: [2, 3, 4], expected: 1 / 3 },
    { name: 'tied values counted after every copy', a: [1, 1, 2], b: [1, 2, 2], expected: 1 / 3 },
    { name: 'identical samples', a: [1, 2], b: [1, 2], expected: 0 },
    { name: 'disjoint samples', a: [1, 2], b: [3], expected: 1 },
  ])('returns the largest ECDF gap for $name', ({ a, b, expected }) => {
    // Act
    const statistic = ksStatisticFromSorted(a, b);

    // Assess
    expect(statistic).toBeCloseTo(expected, 15);
  });
});
