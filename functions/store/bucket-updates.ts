import { bucketStart, GRANULARITIES, type Granularity } from '../domain/buckets/granularity.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import type { CounterDelta } from '../domain/counters/fold-options.ts';
import { bucketExpiresAt, counterAttributeName } from './counter-attributes.ts';
import { bucketKey, type StateKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table-definitions.ts';

/**
 * Turning a stream batch's counter deltas into DynamoDB transactions: one `ADD` update per bucket item (all
 * four granularities), split where DynamoDB's limits require, and packed into as few transactions as possible.
 * Pure and deterministic (everything is sorted), because a retried batch must produce exactly the same
 * transactions for its receipts to match.
 */

/** DynamoDB: at most 100 actions per TransactWriteItems; one is the batch receipt. */
export const MAX_TRANSACTION_ITEMS = 100;
/** DynamoDB: an expression string may be at most 4 KB; keep a margin. */
export const MAX_EXPRESSION_BYTES = 4000;
/** DynamoDB: a transaction request may be at most 4 MB; keep a margin for the JSON framing. */
export const MAX_TRANSACTION_BYTES = 3_500_000;

export interface BucketUpdate {
  readonly monitor: string;
  readonly granularity: Granularity;
  readonly start: number;
  readonly key: StateKey;
  readonly counters: CounterSet;
}

function compareKeys(a: StateKey, b: StateKey): number {
  if (a.pk !== b.pk) return a.pk < b.pk ? -1 : 1;
  if (a.sk !== b.sk) return a.sk < b.sk ? -1 : 1;
  return 0;
}

/**
 * Sums deltas per (monitor, granularity, bucket start) for every granularity. O(deltas × 4), output sorted
 * by item key.
 *
 * @example
 * groupDeltasByBucket([{ monitor: 'm', time: 0, key: 'dec', n: 1 }]).length; // 4 (1m, 10m, 1h, 1d)
 */
export function groupDeltasByBucket(deltas: Iterable<CounterDelta>): BucketUpdate[] {
  const byId = new Map<string, BucketUpdate>();
  for (const delta of deltas) {
    for (const granularity of GRANULARITIES) {
      const start = bucketStart(delta.time, granularity);
      const id = `${delta.monitor}\u0000${granularity}\u0000${start}`;
      let update = byId.get(id);
      if (!update) {
        update = {
          monitor: delta.monitor,
          granularity,
          start,
          key: bucketKey(delta.monitor, { granularity, start }),
          counters: new Map(),
        };
        byId.set(id, update);
      }
      update.counters.set(delta.key, (update.counters.get(delta.key) ?? 0) + delta.n);
    }
  }
  return [...byId.values()].sort((a, b) => compareKeys(a.key, b.key));
}

/** One UpdateItem of a transaction (document-client form). */
export interface UpdateOp {
  readonly key: StateKey;
  readonly updateExpression: string;
  readonly expressionAttributeNames: Record<string, string>;
  readonly expressionAttributeValues: Record<string, number>;
  /** A generous estimate of the op's share of the request, for the 4 MB limit. */
  readonly estimatedBytes: number;
}

/**
 * The updates that apply one bucket's counters: `SET expiresAt = :t ADD #0 :n1, #1 :n3, …`, sorted by counter
 * key and split whenever an expression would pass {@link MAX_EXPRESSION_BYTES} (≈ 400 counters each). Equal
 * counts share one value placeholder, which keeps expressions short. Zero deltas are dropped. O(k log k).
 */
export function bucketUpdateOps(update: BucketUpdate, maxExpressionBytes = MAX_EXPRESSION_BYTES): UpdateOp[] {
  const keys = [...update.counters.keys()].filter((k) => update.counters.get(k) !== 0).sort();
  const ttl = bucketExpiresAt(update.granularity, update.start);
  // expiresAt is not a reserved word, so it needs no placeholder; `#<base36>` are all counters'.
  const head = `SET ${TTL_ATTRIBUTE} = :t ADD `;
  const ops: UpdateOp[] = [];
  let parts: string[] = [];
  let length = head.length;
  let names: Record<string, string> = {};
  let values: Record<string, number> = {};
  let bytes = 0;
  const flush = () => {
    if (parts.length === 0) return;
    ops.push({
      key: update.key,
      updateExpression: head + parts.join(', '),
      expressionAttributeNames: names,
      expressionAttributeValues: { ':t': ttl, ...values },
      estimatedBytes: bytes + length + 200 + update.key.pk.length + update.key.sk.length,
    });
    parts = [];
    length = head.length;
    names = {};
    values = {};
    bytes = 0;
  };
  for (const key of keys) {
    const n = update.counters.get(key) ?? 0;
    const value = n >= 0 ? `:n${n}` : `:m${-n}`;
    // ", " joins terms; the placeholder lengthens as the op grows, so measure after a possible flush.
    if (
      parts.length > 0 &&
      length + `#${parts.length.toString(36)} ${value}`.length + 2 > maxExpressionBytes
    ) {
      flush();
    }
    const placeholder = `#${parts.length.toString(36)}`;
    const attribute = counterAttributeName(key);
    const term = `${placeholder} ${value}`;
    length += term.length + (parts.length > 0 ? 2 : 0);
    parts.push(term);
    names[placeholder] = attribute;
    values[value] = n;
    bytes += Buffer.byteLength(attribute, 'utf8') + placeholder.length + 32;
  }
  flush();
  return ops;
}

/**
 * Packs ops into transactions of at most {@link MAX_TRANSACTION_ITEMS} − 1 updates (the receipt takes the last
 * slot) and {@link MAX_TRANSACTION_BYTES}, never two ops on the same item in one transaction (DynamoDB refuses
 * that). Greedy first fit over the ops in their given (sorted) order, so the same ops always give the same parts.
 * O(ops × parts).
 */
export function planTransactions(
  ops: readonly UpdateOp[],
  maxItems = MAX_TRANSACTION_ITEMS - 1,
  maxBytes = MAX_TRANSACTION_BYTES,
): UpdateOp[][] {
  const parts: { ops: UpdateOp[]; bytes: number; items: Set<string> }[] = [];
  for (const op of ops) {
    const id = `${op.key.pk}\u0000${op.key.sk}`;
    let target = parts.find(
      (p) => p.ops.length < maxItems && p.bytes + op.estimatedBytes <= maxBytes && !p.items.has(id),
    );
    if (!target) {
      target = { ops: [], bytes: 0, items: new Set() };
      parts.push(target);
    }
    target.ops.push(op);
    target.bytes += op.estimatedBytes;
    target.items.add(id);
  }
  return parts.map((p) => p.ops);
}
