import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Granularity } from '../domain/buckets/granularity.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';

/**
 * A bucket item stores each counter as a top-level number attribute named `c:<counter key>`, so the aggregate
 * can `ADD` to any counter without reading the item and the reader gets every counter of a bucket in one item.
 *
 * Counter keys contain U+001F (the separator of counter-key.ts). DynamoDB attribute names may be any UTF-8
 * string of 1 byte to 64 KB ("Supported data types and naming rules", Amazon DynamoDB Developer Guide), and
 * DynamoDB Local accepts U+001F in names given through ExpressionAttributeNames (checked by the integration
 * tests, which write and read such names), so keys are stored as they are, without an escaping that would
 * cost bytes (and write units) on every counter.
 */
export const COUNTER_PREFIX = 'c:';

/** The attribute name of a counter key. O(length). @example counterAttributeName('dec') // 'c:dec' */
export function counterAttributeName(key: string): string {
  return `${COUNTER_PREFIX}${key}`;
}

/** Whether an attribute of a bucket item is a counter. O(1). */
export function isCounterAttribute(name: string): boolean {
  return name.startsWith(COUNTER_PREFIX);
}

/** The counter key of a counter attribute name (inverse of {@link counterAttributeName}). O(length). */
export function counterKeyOf(attributeName: string): string {
  return attributeName.slice(COUNTER_PREFIX.length);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long each bucket granularity is kept after its start, well beyond the oldest window edge that reads it
 * (cover-window.ts): minute and 10-minute buckets only tile edges less than a day old, hours the edges of
 * windows up to 30 days, days every window, the weekly report and a year of baseline history.
 */
export const BUCKET_TTL_MS: Readonly<Record<Granularity, number>> = {
  '1m': 3 * DAY_MS,
  '10m': 8 * DAY_MS,
  '1h': 35 * DAY_MS,
  '1d': 400 * DAY_MS,
};

/** Epoch seconds after which DynamoDB TTL may delete the bucket. O(1). */
export function bucketExpiresAt(granularity: Granularity, start: number): number {
  return Math.floor((start + BUCKET_TTL_MS[granularity]) / 1000);
}

/**
 * The counters of a bucket item in the document client's form (plain values); non-counter and non-numeric
 * attributes are ignored. The evaluator reads the low-level form ({@link countersFromRawItem}); this one
 * serves readers that go through the document client, and is the reference the raw decoders are tested
 * against. O(attributes).
 */
export function countersFromItem(item: Readonly<Record<string, unknown>>): CounterSet {
  const out: CounterSet = new Map();
  for (const [name, value] of Object.entries(item)) {
    if (isCounterAttribute(name) && typeof value === 'number' && value !== 0)
      out.set(counterKeyOf(name), value);
  }
  return out;
}

/** A bucket item as DynamoDB's low-level API returns it: AttributeValue per attribute. */
export type RawItem = Readonly<Record<string, AttributeValue>>;

/**
 * The number a counter attribute holds, or 0 for any attribute that is not a number (N). DynamoDB sends
 * numbers as decimal strings; counters are integers far below 2^53, so Number() reads them exactly, as the
 * document client's unmarshalling would. O(digits).
 */
export function counterValue(attribute: AttributeValue | undefined): number {
  const digits = attribute?.N;
  return typeof digits === 'string' ? Number(digits) : 0;
}

/**
 * The counters of a bucket item in the low-level form, read straight from its AttributeValues: the same
 * counter set as {@link countersFromItem} on the document client's form of the item, without building that
 * form first (converting every attribute of an item of thousands of counters cost several times the
 * decoding itself). Only own attributes are read. O(attributes).
 */
export function countersFromRawItem(item: RawItem): CounterSet {
  const out: CounterSet = new Map();
  for (const name in item) {
    if (!Object.hasOwn(item, name) || !isCounterAttribute(name)) continue;
    const value = counterValue(item[name]);
    if (value !== 0) out.set(counterKeyOf(name), value);
  }
  return out;
}
