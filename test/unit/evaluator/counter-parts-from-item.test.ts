import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COUNTER_KINDS, SEPARATOR } from '../../../functions/domain/counters/counter-key.ts';
import { splitCounters } from '../../../functions/domain/evaluation/counter-part.ts';
import { counterPartsFromItem } from '../../../functions/evaluator/counter-parts-from-item.ts';
import { countersFromItem, countersFromRawItem } from '../../../functions/store/counter-attributes.ts';

const counterName = fc
  .tuple(
    fc.constantFrom(...Object.values(COUNTER_KINDS), 'cc', 'fx'),
    fc.array(fc.constantFrom('a', '19', 'tp', 'amount', 'p007'), { maxLength: 3 }),
  )
  .map(([kind, dims]) => `c:${[kind, ...dims].join(SEPARATOR)}`);

/** Bucket items as DynamoDB's low-level API returns them: keys, other attributes and counters, some zero. */
const items = fc.dictionary(
  fc.oneof(counterName, fc.constantFrom('pk', 'sk', 'expiresAt', 'c:'), fc.string({ maxLength: 6 })),
  fc.oneof(
    fc.integer({ min: -2, max: 50 }).map((n): AttributeValue => ({ N: String(n) })),
    fc.string({ maxLength: 3 }).map((text): AttributeValue => ({ S: text })),
    fc.constant<AttributeValue>({ NULL: true }),
  ),
);

describe('Function: counterPartsFromItem', () => {
  test('It equals the item converted as the document client converts it, decoded and split by part.', () => {
    fc.assert(
      fc.property(items, (item) => {
        // Act
        const parts = counterPartsFromItem(item);
        const reference = splitCounters(countersFromItem(unmarshall(item)));

        // Assess
        expect(parts.core).toEqual(reference.core);
        expect(parts.features).toEqual(reference.features);
      }),
      { numRuns: 300 },
    );
  });

  test('It reads only the item’s own attributes.', () => {
    // Prepare
    const item = Object.assign(Object.create({ 'c:dec': { N: '5' } }) as Record<string, AttributeValue>, {
      'c:ts': { N: '2' },
    });

    // Act
    const parts = counterPartsFromItem(item);

    // Assess
    expect([...parts.core]).toEqual([['ts', 2]]);
  });
});

describe('Function: countersFromRawItem', () => {
  test('It equals the item converted as the document client converts it, then decoded.', () => {
    fc.assert(
      fc.property(items, (item) => {
        expect(countersFromRawItem(item)).toEqual(countersFromItem(unmarshall(item)));
      }),
      { numRuns: 300 },
    );
  });
});
