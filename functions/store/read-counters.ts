import { type AttributeValue, BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { coverWindow } from '../domain/buckets/cover-window.ts';
import { type BucketRef, bucketId } from '../domain/buckets/granularity.ts';
import { type CounterSet, mergeCounters } from '../domain/counters/counter-set.ts';
import { countersFromRawItem, type RawItem } from './counter-attributes.ts';
import { bucketKey, parseBucketKey, type StateKey } from './keys.ts';

/** DynamoDB: at most 100 keys per BatchGetItem. */
export const MAX_BATCH_GET_KEYS = 100;

export interface CounterReaderDeps {
  readonly client: DynamoDBDocumentClient;
  /** The State table. */
  readonly tableName: string;
  /** Strongly consistent reads (twice the read units); tests use them to read their own writes. */
  readonly consistentRead?: boolean;
  /** Rounds of re-requesting UnprocessedKeys before giving up. */
  readonly maxAttempts?: number;
  readonly backoffMs?: number;
}

export interface BucketReadResult<T = CounterSet> {
  /** Counters of every requested bucket that exists, by {@link bucketId}; absent buckets had no traffic. */
  readonly counters: Map<string, T>;
  /** Distinct bucket items asked for: what the read is billed on, and the cost invariant's measure. */
  readonly itemsRead: number;
  readonly itemsFound: number;
  /** BatchGetItem calls made, including retries of unprocessed keys. */
  readonly requests: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the counter buckets of one monitor with BatchGetItem, 100 keys per call, re-requesting unprocessed keys
 * with exponential backoff. Duplicated refs are read once. O(buckets + counters).
 *
 * @throws {Error} when DynamoDB still leaves keys unprocessed after `maxAttempts` rounds.
 * @example
 * const { counters, itemsRead } = await readCounters(deps, 'support-bot', coverWindow(asOf, 86_400_000));
 */
export async function readCounters(
  deps: CounterReaderDeps,
  monitor: string,
  refs: readonly BucketRef[],
): Promise<BucketReadResult> {
  return readBucketItems(deps, monitor, refs, countersFromRawItem);
}

/**
 * {@link readCounters} with each bucket item decoded by `decode` (the evaluator files counters by part as it
 * decodes them). Items are read with the low-level BatchGetItem (the document client sends a low-level
 * command as it is) and handed over as AttributeValues: the document client's own BatchGet would first
 * convert every attribute of every item, which for items of thousands of counters costs about twice the
 * decoding. O(buckets + counters).
 *
 * @throws {Error} when DynamoDB still leaves keys unprocessed after `maxAttempts` rounds.
 */
export async function readBucketItems<T>(
  deps: CounterReaderDeps,
  monitor: string,
  refs: readonly BucketRef[],
  decode: (item: RawItem) => T,
): Promise<BucketReadResult<T>> {
  const byId = new Map<string, StateKey>();
  for (const ref of refs) byId.set(bucketId(ref), bucketKey(monitor, ref));
  const keys = [...byId.values()];
  const counters = new Map<string, T>();
  const maxAttempts = deps.maxAttempts ?? 8;
  const backoffMs = deps.backoffMs ?? 25;
  let requests = 0;
  for (let i = 0; i < keys.length; i += MAX_BATCH_GET_KEYS) {
    let pending: Record<string, AttributeValue>[] = keys
      .slice(i, i + MAX_BATCH_GET_KEYS)
      .map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 1) await sleep(Math.random() * backoffMs * 2 ** (attempt - 1));
      requests++;
      const result = await deps.client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [deps.tableName]: { Keys: pending, ...(deps.consistentRead ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      for (const item of result.Responses?.[deps.tableName] ?? []) {
        const parsed = parseBucketKey({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '' });
        if (parsed && parsed.monitor === monitor) counters.set(bucketId(parsed.ref), decode(item));
      }
      pending = result.UnprocessedKeys?.[deps.tableName]?.Keys ?? [];
    }
  }
  return { counters, itemsRead: keys.length, itemsFound: counters.size, requests };
}

export interface WindowReadResult {
  /** The sum of the cover's buckets. */
  readonly counters: CounterSet;
  readonly buckets: readonly BucketRef[];
  readonly itemsRead: number;
}

/**
 * The counters of the window of `windowMs` ending at `asOf`: the sum of the buckets of `coverWindow`, so the
 * number of items read depends on the window only, never on traffic (at most 65 items for 30 days).
 * O(buckets + counters).
 */
export async function readWindow(
  deps: CounterReaderDeps,
  monitor: string,
  asOf: number,
  windowMs: number,
): Promise<WindowReadResult> {
  const buckets = coverWindow(asOf, windowMs);
  const read = await readCounters(deps, monitor, buckets);
  const counters: CounterSet = new Map();
  for (const set of read.counters.values()) mergeCounters(counters, set);
  return { counters, buckets, itemsRead: read.itemsRead };
}
