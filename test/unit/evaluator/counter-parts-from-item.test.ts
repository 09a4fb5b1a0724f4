import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COUNTER_KINDS, SEPARATOR } from '../../../functions/domain/counters/counter-key.ts';
import { splitCounters } from '../../../functions/domain/evaluation/counter-part.ts';
import { counterPartsFromItem } from '../../../functions/evaluator/counter-parts-from-item.ts';
import { countersFromItem } from '../../../functions/store/counter-attributes.ts';

const counterName = fc
  .tuple(
    fc.constantFrom(...Object.values(COUNTER_KINDS), 'cc', 'fx'),
    fc.array(fc.constantFrom('a', '19', 'tp', 'amount', 'p007'), { maxLength: 3 }),
  )
  .map(([kind, dims]) => `c:${[kind, ...dims].join(SEPARATOR)}`);

/** Bucket items as the document client returns them: keys, other attributes and counters, some zero. */
const items = fc.dictionary(
  fc.oneof(counterName, fc.constantFrom('pk', 'sk', 'expiresAt', 'c:'), fc.string({ maxLength: 6 })),
  fc.oneof(fc.integer({ min: -2, max: 50 }), fc.string({ maxLength: 3 }), fc.constant(null)),
);

describe('Function: counterPartsFromItem', () => {
  test('It equals the item decoded to a counter set and then split by part.', () => {
    fc.assert(
      fc.property(items, (item) => {
        // Act
        const parts = counterPartsFromItem(item);
        const reference = splitCounters(countersFromItem(item));

        // Assess
        expect(parts.core).toEqual(reference.core);
        expect(parts.features).toEqual(reference.features);
      }),
      { numRuns: 300 },
    );
  });

  test('It reads only the item’s own attributes.', () => {
    // Prepare
    const item = Object.assign(Object.create({ 'c:dec': 5 }) as Record<string, unknown>, { 'c:ts': 2 });

    // Act
    const parts = counterPartsFromItem(item);

    // Assess
    expect([...parts.core]).toEqual([['ts', 2]]);
  });
});
