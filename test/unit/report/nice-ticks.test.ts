import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { niceScale } from '../../../functions/report/render/nice-ticks.ts';

describe('Function: niceScale', () => {
  test.each([
    [0, 1, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.87, 0.97, 6, [0.85, 0.875, 0.9, 0.925, 0.95, 0.975]],
    [-0.5, 1, 6, [-0.5, 0, 0.5, 1]],
    [3, 3, 6, [2.6, 2.8, 3, 3.2, 3.4]],
    [0, 0, 6, [-1, -0.5, 0, 0.5, 1]],
    [120, 1840, 6, [0, 500, 1000, 1500, 2000]],
  ])('data in [%d, %d] with at most %d ticks gets the ticks %j', (lo, hi, max, ticks) => {
    expect(niceScale(lo, hi, max).ticks).toEqual(ticks);
  });

  test('the ticks cover the data, are evenly spaced by a nice step, and never exceed the maximum count', () => {
    fc.assert(
      fc.property(
        // Chart values below 1e-6 in magnitude are zero for our purposes; near 1e-100 powers of ten
        // round and the property would test the floating-point format, not the scale.
        fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Math.abs(x) < 1e-6 ? 0 : x)),
        fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => (x < 1e-6 ? 0 : x)),
        fc.integer({ min: 3, max: 12 }),
        (lo, width, maxTicks) => {
          const hi = lo + width;
          const s = niceScale(lo, hi, maxTicks);
          expect(s.ticks.length).toBeLessThanOrEqual(maxTicks);
          expect(s.ticks.length).toBeGreaterThanOrEqual(2);
          expect(s.min).toBeLessThanOrEqual(lo + Math.abs(lo) * 1e-12);
          expect(s.max).toBeGreaterThanOrEqual(hi - Math.abs(hi) * 1e-12);
          const mantissa = s.step / 10 ** Math.floor(Math.log10(s.step));
          expect([1, 2, 2.5, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
          for (let i = 1; i < s.ticks.length; i++) {
            expect((s.ticks[i] ?? 0) - (s.ticks[i - 1] ?? 0)).toBeCloseTo(s.step, 6);
          }
        },
      ),
    );
  });

  test.each([
    [Number.NaN, 1, 6],
    [2, 1, 6],
    [0, Number.POSITIVE_INFINITY, 6],
    [0, 1, 2],
  ])('the range [%d, %d] with %d ticks is refused', (lo, hi, max) => {
    expect(() => niceScale(lo, hi, max)).toThrow(InvalidStatisticInputError);
  });
});
