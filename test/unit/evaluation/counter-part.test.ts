import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  COUNTER_KINDS,
  counterKey,
  COUNTER_KINDS as K,
  SEPARATOR,
} from '../../../functions/domain/counters/counter-key.ts';
import { CounterLayout } from '../../../functions/domain/evaluation/counter-layout.ts';
import { isFeatureKey, partOfKey, splitCounters } from '../../../functions/domain/evaluation/counter-part.ts';

const FEATURE_GROUPS = new Set(['numericFeatures', 'categoricalFeatures', 'missingFeatures']);

/** Keys of every kind, of kinds this version does not know (`cc`, `fx`, `fnx`) and of no kind at all. */
const anyKey = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...Object.values(COUNTER_KINDS), 'cc', 'fx', 'fnx', 'f', 'fmis', ''),
      fc.array(fc.constantFrom('a', '7', 'p007', 'fn', 'amount', ''), { maxLength: 4 }),
    )
    .map(([kind, dims]) => (dims.length === 0 ? kind : `${kind}${SEPARATOR}${dims.join(SEPARATOR)}`)),
  fc.string({ maxLength: 8 }),
);

describe('Function: isFeatureKey', () => {
  test('A key is a feature key exactly when its slot lands in a feature group of the layout.', () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        // Prepare
        const layout = new CounterLayout();

        // Act
        const group = layout.meaningOf(layout.slotOf(key))?.group ?? '';

        // Assess
        expect(isFeatureKey(key)).toBe(FEATURE_GROUPS.has(group));
        expect(partOfKey(key)).toBe(FEATURE_GROUPS.has(group) ? 'features' : 'core');
      }),
      { numRuns: 500 },
    );
  });

  test('Kinds that only begin like a feature kind, such as a new `cc` kind or `fnx`, are core.', () => {
    // Assess
    expect(isFeatureKey(counterKey(K.numericFeature, 'amount', 'p007'))).toBe(true);
    expect(isFeatureKey(counterKey(K.missingFeature, 'amount'))).toBe(true);
    expect(isFeatureKey(`cc${SEPARATOR}19${SEPARATOR}tp`)).toBe(false);
    expect(isFeatureKey(`fnx${SEPARATOR}a`)).toBe(false);
    expect(isFeatureKey('fmis')).toBe(false);
  });
});

describe('Function: splitCounters', () => {
  test('It files every counter in its part, and the parts together are the set.', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyKey, fc.integer({ min: -3, max: 9 }))), (entries) => {
        // Prepare
        const counters = new Map(entries);

        // Act
        const { core, features } = splitCounters(counters);

        // Assess
        expect([...features.keys()].every(isFeatureKey)).toBe(true);
        expect([...core.keys()].some(isFeatureKey)).toBe(false);
        expect(new Map([...core, ...features])).toEqual(counters);
      }),
    );
  });
});
