import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { counterKey, COUNTER_KINDS as K } from '../../../functions/domain/counters/counter-key.ts';
import { addVector, CounterLayout } from '../../../functions/domain/evaluation/counter-layout.ts';
import { binIndex, binKey } from '../../../functions/domain/histogram/log-buckets.ts';
import { pairKey } from '../../../functions/domain/metrics/grouped-metrics.ts';

const keys = [
  counterKey(K.decisions, 'main', 'control'),
  counterKey(K.confusion, 'main', 'canary', 'a', 'b'),
  counterKey(K.numericFeature, 'amount', binKey(binIndex(42))),
  counterKey(K.taskOutcome, 'review', 'failed'),
  counterKey(K.confidence, '7'),
  'future\u001fkind',
];

describe('Class: CounterLayout', () => {
  test('It numbers each key once, in the order first seen, and decodes what it counts.', () => {
    // Prepare
    const layout = new CounterLayout();

    // Act
    const slots = [...keys, keys[0] as string, keys[2] as string].map((k) => layout.slotOf(k));

    // Assess
    expect(slots).toEqual([0, 1, 2, 3, 4, 5, 0, 2]);
    expect(layout.size).toBe(6);
    expect(layout.keyOf(1)).toBe(keys[1]);
    expect(layout.meaningOf(0)).toMatchObject({ group: 'decisions', name: pairKey('main', 'control') });
    expect(layout.meaningOf(1)).toMatchObject({
      group: 'confusion',
      name: pairKey('main', 'canary'),
      detail: 'a',
      predicted: 'b',
    });
    expect(layout.meaningOf(2)).toMatchObject({
      group: 'numericFeatures',
      name: 'amount',
      bin: binIndex(42),
    });
    expect(layout.meaningOf(3)).toMatchObject({ group: 'taskOutcomes', name: 'review', detail: 'failed' });
    expect(layout.meaningOf(4)).toMatchObject({ group: 'confidence', bin: 7 });
    expect(layout.meaningOf(5)).toMatchObject({ group: 'unknown', name: 'future\u001fkind' });
    expect(layout.slotsOf('confusion')).toEqual([1]);
  });

  test('A histogram key whose bin does not parse is numbered without failing; its bin is NaN.', () => {
    // Prepare
    const layout = new CounterLayout();

    // Act
    const slot = layout.slotOf(counterKey(K.numericFeature, 'amount', 'p007'));

    // Assess
    expect(layout.meaningOf(slot)).toMatchObject({
      group: 'numericFeatures',
      bin: Number.NaN,
      binKey: 'p007',
    });
  });

  test('A counter set becomes the vector of its counts by slot, in whatever order its keys come.', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.integer({ min: 0, max: 50 })), { maxLength: 10 }),
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.integer({ min: 0, max: 50 })), { maxLength: 10 }),
        (first, second) => {
          // Prepare
          const layout = new CounterLayout();
          const a = new Map(first);
          const b = new Map(second);

          // Act
          const va = layout.vectorOf(a);
          const vb = layout.vectorOf(b);

          // Assess: every non-zero counter is at its slot, zero counters are never numbered.
          for (const [set, vector] of [
            [a, va],
            [b, vb],
          ] as const) {
            expect(vector.length).toBeLessThanOrEqual(layout.size);
            for (let slot = 0; slot < vector.length; slot++)
              expect(vector[slot]).toBe(set.get(layout.keyOf(slot)) ?? 0);
          }
          const numbered = new Set([...a, ...b].filter(([, n]) => n !== 0).map(([k]) => k));
          expect(layout.size).toBe(numbered.size);
        },
      ),
    );
  });

  test('A vector made before the layout grew adds into a longer one, its missing slots counting zero.', () => {
    // Prepare
    const layout = new CounterLayout();
    const early = layout.vectorOf(new Map([[keys[0] as string, 2]]));
    const late = layout.vectorOf(
      new Map([
        [keys[1] as string, 3],
        [keys[0] as string, 1],
      ]),
    );
    const sum = new Float64Array(layout.size);

    // Act
    addVector(sum, late);
    addVector(sum, early);

    // Assess
    expect(early.length).toBe(1);
    expect([...sum]).toEqual([3, 3]);
  });
});

describe('Method: CounterLayout.vectorsOf', () => {
  const entry = fc.tuple(
    fc.constantFrom(
      ...keys,
      counterKey(K.categoricalFeature, 'channel', 'chat'),
      counterKey(K.missingFeature, 'x'),
    ),
    fc.integer({ min: -2, max: 9 }),
  );

  test('One pass gives each layout the vector its own vectorOf would, in either order of layouts.', () => {
    fc.assert(
      fc.property(fc.array(fc.array(entry), { maxLength: 5 }), fc.boolean(), (sets, coreFirst) => {
        // Prepare: two pairs of layouts fed the same sets, one pair in one pass and one pair each on its own.
        const [core, features] = [new CounterLayout('core'), new CounterLayout('features')];
        const [core2, features2] = [new CounterLayout('core'), new CounterLayout('features')];

        for (const entries of sets) {
          const counters = new Map(entries);

          // Act
          const [c, f] = coreFirst
            ? core.vectorsOf(counters, features)
            : (features2.vectorsOf(counters, core2).reverse() as [Float64Array, Float64Array]);
          const ownCore = (coreFirst ? core2 : core).vectorOf(counters);
          const ownFeatures = (coreFirst ? features2 : features).vectorOf(counters);

          // Assess
          expect([...c]).toEqual([...ownCore]);
          expect([...f]).toEqual([...ownFeatures]);
        }
      }),
    );
  });

  test('It needs a core layout and a feature layout.', () => {
    // Assess
    expect(() => new CounterLayout('core').vectorsOf(new Map(), new CounterLayout('core'))).toThrow();
    expect(() => new CounterLayout().vectorsOf(new Map(), new CounterLayout('features'))).toThrow();
  });
});
