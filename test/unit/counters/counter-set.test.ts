import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addCounter,
  type CounterSet,
  countersToRecord,
  mergeCounters,
  sumCounters,
} from '../../../functions/domain/counters/counter-set.ts';

const counterSet = fc
  .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: -5, max: 20 })), {
    maxLength: 8,
  })
  .map((entries) => {
    const set: CounterSet = new Map();
    for (const [k, n] of entries) addCounter(set, k, n);
    return set;
  });

describe('Function: addCounter', () => {
  test('It starts a missing counter at zero and adds one by default.', () => {
    // Prepare
    const set: CounterSet = new Map([['a', 2]]);

    // Act
    addCounter(set, 'a');
    addCounter(set, 'b');
    addCounter(set, 'b', 4);

    // Assess
    expect(set).toEqual(
      new Map([
        ['a', 3],
        ['b', 5],
      ]),
    );
  });
});

describe('Function: sumCounters', () => {
  test('It gives the same sums in any order of the sets (counters are a commutative monoid).', () => {
    fc.assert(
      fc.property(fc.array(counterSet, { maxLength: 6 }), (sets) => {
        // Prepare
        const reversed = [...sets].reverse();

        // Act
        const forward = countersToRecord(sumCounters(sets));
        const backward = countersToRecord(sumCounters(reversed));

        // Assess
        expect(forward).toEqual(backward);
        for (const key of Object.keys(forward)) {
          const expected = sets.reduce((s, set) => s + (set.get(key) ?? 0), 0);
          expect(forward[key]).toBe(expected);
        }
      }),
    );
  });

  test('It leaves its inputs unchanged and mergeCounters changes only its target.', () => {
    // Prepare
    const a: CounterSet = new Map([['x', 1]]);
    const b: CounterSet = new Map([
      ['x', 2],
      ['y', 3],
    ]);

    // Act
    const sum = sumCounters([a, b]);
    const merged = mergeCounters(a, b);

    // Assess
    expect(sum).toEqual(
      new Map([
        ['x', 3],
        ['y', 3],
      ]),
    );
    expect(merged).toBe(a);
    expect(a).toEqual(
      new Map([
        ['x', 3],
        ['y', 3],
      ]),
    );
    expect(b).toEqual(
      new Map([
        ['x', 2],
        ['y', 3],
      ]),
    );
  });
});

describe('Function: countersToRecord', () => {
  test('It sorts the keys and drops counters that sum to zero.', () => {
    // Prepare
    const set: CounterSet = new Map([
      ['b', 1],
      ['a', 2],
      ['c', 0],
    ]);

    // Act
    const record = countersToRecord(set);

    // Assess
    expect(Object.entries(record)).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
