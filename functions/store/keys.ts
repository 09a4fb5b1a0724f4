import { type BucketRef, GRANULARITIES, type Granularity } from '../domain/buckets/granularity.ts';

/**
 * Item keys of both tables. Monitor names are `[a-z0-9-]` (event contract), so `#` after the monitor
 * always ends it and producer ids (which may contain `#`) can be read back from the rest of the key.
 */

export const DECISION_PREFIX = 'D#';
export const TASK_PREFIX = 'T#';
export const BUCKET_PREFIX = 'B#';
export const RECEIPT_PREFIX = 'R#';

/** The Events-table key of a decision record (decision + label). O(length). @example decisionPk('bot', 'd1') // 'D#bot#d1' */
export function decisionPk(monitor: string, decisionId: string): string {
  return `${DECISION_PREFIX}${monitor}#${decisionId}`;
}

/** The Events-table key of a task record (start + terminal event). O(length). @example taskPk('bot', 't1') // 'T#bot#t1' */
export function taskPk(monitor: string, taskId: string): string {
  return `${TASK_PREFIX}${monitor}#${taskId}`;
}

export type EventRecordKey =
  | { readonly kind: 'decision'; readonly monitor: string; readonly id: string }
  | { readonly kind: 'task'; readonly monitor: string; readonly id: string };

/**
 * Reads an Events-table partition key back; undefined for anything that is not a decision or task key. O(length).
 * @example parseEventPk('D#bot#a#b') // { kind: 'decision', monitor: 'bot', id: 'a#b' }
 */
export function parseEventPk(pk: string): EventRecordKey | undefined {
  const kind = pk.startsWith(DECISION_PREFIX) ? 'decision' : pk.startsWith(TASK_PREFIX) ? 'task' : undefined;
  if (kind === undefined) return undefined;
  const rest = pk.slice(2);
  const hash = rest.indexOf('#');
  if (hash <= 0 || hash === rest.length - 1) return undefined;
  return { kind, monitor: rest.slice(0, hash), id: rest.slice(hash + 1) };
}

export interface StateKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * The State-table key of a counter bucket: one partition per monitor and granularity, sorted by start. O(1).
 * @example bucketKey('bot', { granularity: '1h', start: 0 }) // { pk: 'B#bot#1h', sk: '1970-01-01T00:00:00.000Z' }
 */
export function bucketKey(monitor: string, ref: BucketRef): StateKey {
  return { pk: `${BUCKET_PREFIX}${monitor}#${ref.granularity}`, sk: new Date(ref.start).toISOString() };
}

/** Inverse of {@link bucketKey}; undefined when the key is not a bucket key. O(length). */
export function parseBucketKey(key: StateKey): { monitor: string; ref: BucketRef } | undefined {
  if (!key.pk.startsWith(BUCKET_PREFIX)) return undefined;
  const rest = key.pk.slice(BUCKET_PREFIX.length);
  const hash = rest.lastIndexOf('#');
  const granularity = rest.slice(hash + 1);
  if (hash <= 0 || !(GRANULARITIES as readonly string[]).includes(granularity)) return undefined;
  const start = Date.parse(key.sk);
  if (Number.isNaN(start)) return undefined;
  return { monitor: rest.slice(0, hash), ref: { granularity: granularity as Granularity, start } };
}

/** The State-table key of the receipt of one part of one stream batch. O(1). @example receiptKey('h', 0) // { pk: 'R#h', sk: 'p0' } */
export function receiptKey(batchId: string, part: number): StateKey {
  return { pk: `${RECEIPT_PREFIX}${batchId}`, sk: `p${part}` };
}
