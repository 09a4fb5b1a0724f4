import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jensenShannonDistance } from '../../../functions/domain/drift/jensen-shannon.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { closeTo, fixture } from './fixture.ts';

const weights = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 });

describe('Function: jensenShannonDistance', () => {
  test.each(fixture.jensenShannon)('matches scipy.spatial.distance.jensenshannon(base=2) for $name', (c) => {
    // Act
    const value = jensenShannonDistance(c.p, c.q);

    // Assess
    expect(closeTo(value, c.distance, 1e-12, 1e-15), `${value} vs ${c.distance}`).toBe(true);
  });

  test('is symmetric, lies in [0, 1] and is 0 for proportional inputs', () => {
    fc.assert(
      fc.property(weights, weights, fc.integer({ min: 1, max: 9 }), (a, b, scale) => {
        // Prepare
        const length = Math.min(a.length, b.length);
        const p = a.slice(0, length);
        const q = b.slice(0, length);
        fc.pre(p.some((v) => v > 0) && q.some((v) => v > 0));

        // Act
        const forward = jensenShannonDistance(p, q);
        const backward = jensenShannonDistance(q, p);
        const scaled = jensenShannonDistance(
          p,
          p.map((v) => v * scale),
        );

        // Assess
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
        expect(closeTo(backward, forward, 1e-12, 1e-15)).toBe(true);
        expect(scaled).toBeLessThan(1e-7);
      }),
    );
  });

  test.each([
    { name: 'different lengths', p: [1, 2], q: [1] },
    { name: 'an all-zero vector', p: [0, 0], q: [1, 1] },
    { name: 'a negative weight', p: [1, -1], q: [1, 1] },
  ])('throws InvalidStatisticInputError on $name', ({ p, q }) => {
    // Prepare
    const act = () => jensenShannonDistance(p, q);

    // Act & Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});
