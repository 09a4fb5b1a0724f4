import { type CounterParts, isFeatureKey } from '../domain/evaluation/counter-part.ts';
import { counterKeyOf, counterValue, isCounterAttribute, type RawItem } from '../store/counter-attributes.ts';

/**
 * The counters of a bucket item, as DynamoDB's low-level API returns it, filed by part (see CounterParts):
 * the evaluator decodes a bucket's feature counters only if a drift range covers it, so the reader sorts
 * them out while it visits the attributes anyway. Equal to splitting countersFromRawItem's counter set;
 * non-counter, non-numeric and zero attributes are left out. A `for…in` over the item's own attributes,
 * because Object.entries builds an array pair per attribute, several times the cost on items of thousands of
 * counters. O(attributes).
 *
 * @example counterPartsFromItem({ pk: { S: 'P' }, 'c:dec': { N: '2' } }).core.get('dec') // 2
 */
export function counterPartsFromItem(item: RawItem): CounterParts {
  const core = new Map<string, number>();
  const features = new Map<string, number>();
  for (const name in item) {
    if (!Object.hasOwn(item, name) || !isCounterAttribute(name)) continue;
    const value = counterValue(item[name]);
    if (value === 0) continue;
    const key = counterKeyOf(name);
    (isFeatureKey(key) ? features : core).set(key, value);
  }
  return { core, features };
}
