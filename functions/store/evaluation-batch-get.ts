import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StateKey } from './keys.ts';

/** DynamoDB: at most 100 keys per BatchGetItem. */
const MAX_KEYS = 100;

export interface StateReaderDeps {
  readonly client: DynamoDBDocumentClient;
  /** The State table. */
  readonly tableName: string;
  /** Strongly consistent reads (tests read their own writes). */
  readonly consistentRead?: boolean;
  readonly maxAttempts?: number;
  readonly backoffMs?: number;
}

export type PlainItem = Record<string, unknown>;

/** `pk` and `sk` joined by NUL: a map key for a State-table item. */
export function itemId(key: StateKey): string {
  return `${key.pk}\u0000${key.sk}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads State-table items by key with BatchGetItem (100 keys per call), re-requesting unprocessed keys with
 * exponential backoff and full jitter. Missing items are absent from the result. O(keys).
 *
 * @throws {Error} when keys stay unprocessed after `maxAttempts` rounds.
 * @example const items = await batchGetStateItems(deps, [{ pk: 'P#m', sk: 'baseline' }]);
 */
export async function batchGetStateItems(
  deps: StateReaderDeps,
  keys: readonly StateKey[],
): Promise<Map<string, PlainItem>> {
  const unique = new Map<string, StateKey>();
  for (const k of keys) unique.set(itemId(k), k);
  const all = [...unique.values()];
  const out = new Map<string, PlainItem>();
  const maxAttempts = deps.maxAttempts ?? 8;
  const backoffMs = deps.backoffMs ?? 25;
  for (let i = 0; i < all.length; i += MAX_KEYS) {
    let pending: PlainItem[] = all.slice(i, i + MAX_KEYS).map((k) => ({ pk: k.pk, sk: k.sk }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) {
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${maxAttempts} attempts`);
      }
      if (attempt > 1) await sleep(Math.random() * backoffMs * 2 ** (attempt - 1));
      const result = await deps.client.send(
        new BatchGetCommand({
          RequestItems: {
            [deps.tableName]: { Keys: pending, ...(deps.consistentRead ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      for (const item of result.Responses?.[deps.tableName] ?? []) {
        out.set(itemId({ pk: String(item.pk), sk: String(item.sk) }), item);
      }
      pending = result.UnprocessedKeys?.[deps.tableName]?.Keys ?? [];
    }
  }
  return out;
}
