import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hellingerDistance } from '../../../functions/domain/drift/hellinger.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

const weights = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 });

describe('Function: hellingerDistance', () => {
  test.each(fixture.hellinger)('matches sqrt(1 − Σ√(p q)) computed in 60-digit decimals for $name', (c) => {
    // Act
    const value = hellingerDistance(c.p, c.q);

    // Assess
    expect(closeTo(value, c.distance, 1e-12, 1e-15), `${value} vs ${c.distance}`).toBe(true);
  });

  test('is symmetric, lies in [0, 1] and is exactly 0 for identical inputs', () => {
    fc.assert(
      fc.property(weights, weights, (a, b) => {
        // Prepare
        const length = Math.min(a.length, b.length);
        const p = a.slice(0, length);
        const q = b.slice(0, length);
        fc.pre(p.some((v) => v > 0) && q.some((v) => v > 0));

        // Act
        const forward = hellingerDistance(p, q);
        const backward = hellingerDistance(q, p);

        // Assess
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
        expect(backward).toBe(forward);
        expect(hellingerDistance(p, p)).toBe(0);
      }),
    );
  });

  test('throws InvalidStatisticInputError on vectors of different lengths', () => {
    // Prepare
    const act = () => hellingerDistance([1, 2], [1, 2, 3]);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
