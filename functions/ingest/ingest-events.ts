import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import { EVENT_LIMITS } from '../domain/events/limits.ts';
import { validateEvent } from '../domain/events/validate-event.ts';
import { type MergeOutcome, mergeIntoDecisionRecord } from '../domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord } from '../domain/pairing/task-record.ts';
import { type StoreLogger, silentLogger } from '../store/logger.ts';
import { recordFromItem, type SlotWrite, slotWriteFor } from '../store/record-codec.ts';
import { MalformedImageError, unwireImage, type WireImage } from '../store/wire-image.ts';
import { runWithConcurrency } from './concurrency.ts';

/**
 * Ingest of one batch of raw events: validate each, refuse events of unknown monitors, and store every valid
 * event with one conditional UpdateItem on its record, so the producer's `id` is an idempotency key. A bad
 * event never costs a good one; a write that fails (throttling, a store error) is answered "retry" for exactly
 * that event, and sending it again is safe because a stored event comes back as "duplicate".
 */

export interface IssueDetail {
  readonly path: string;
  readonly reason: string;
}

export type EventResult =
  | { readonly index: number; readonly id: string; readonly status: 'accepted' | 'duplicate' }
  | {
      readonly index: number;
      readonly id?: string;
      readonly status: 'rejected';
      /** The first problem; `issues` lists all of them when there are several. */
      readonly path: string;
      readonly reason: string;
      readonly issues?: readonly IssueDetail[];
    }
  | { readonly index: number; readonly id: string; readonly status: 'retry'; readonly reason: string };

export interface IngestCounts {
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly retry: number;
}

export interface IngestOutcome {
  /** One result per input event, in input order. */
  readonly results: readonly EventResult[];
  readonly counts: IngestCounts;
}

export interface IngestDeps {
  readonly client: DynamoDBDocumentClient;
  /** The Events table. */
  readonly tableName: string;
  readonly isKnownMonitor: (monitor: string) => boolean;
  /** Ingest time (epoch ms), for the TTL of events older than the retention. */
  readonly now?: () => number;
  readonly retentionMs?: number;
  /** Writes in flight at once (default 16): enough to hide latency, few enough not to self-throttle. */
  readonly concurrency?: number;
  readonly logger?: StoreLogger;
  /** Ask DynamoDB for the consumed write units of every write (benchmarks). */
  readonly returnConsumedCapacity?: boolean;
  readonly onConsumedCapacity?: (writeUnits: number) => void;
}

/** Errors that mean "this event cannot be stored as it is"; anything else is worth retrying. */
const NOT_RETRYABLE = new Set(['ValidationException', 'SerializationException']);
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}

/** What the stored record says about an event whose slot was already filled. */
function outcomeAgainstStored(
  event: DriftwatchEvent,
  stored: WireImage | undefined,
): MergeOutcome | undefined {
  if (!stored) return undefined;
  try {
    const decoded = recordFromItem(unwireImage(stored));
    if (event.type === 'task') {
      return decoded.kind === 'task' ? mergeIntoTaskRecord(decoded.record, event).outcome : undefined;
    }
    return decoded.kind === 'decision' ? mergeIntoDecisionRecord(decoded.record, event).outcome : undefined;
  } catch (error) {
    if (error instanceof MalformedImageError) return undefined;
    throw error;
  }
}

function conflictPath(event: DriftwatchEvent): string {
  if (event.type === 'label') return 'decisionId';
  if (event.type === 'task') return 'taskId';
  return 'id';
}

async function writeEvent(
  deps: IngestDeps,
  index: number,
  event: DriftwatchEvent,
  write: SlotWrite,
): Promise<EventResult> {
  try {
    const result = await deps.client.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: { pk: write.pk },
        UpdateExpression: write.updateExpression,
        ConditionExpression: write.conditionExpression,
        ExpressionAttributeNames: write.expressionAttributeNames,
        ExpressionAttributeValues: write.expressionAttributeValues,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        ...(deps.returnConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
      }),
    );
    deps.onConsumedCapacity?.(result.ConsumedCapacity?.CapacityUnits ?? 0);
    return { index, id: event.id, status: 'accepted' };
  } catch (error) {
    const name = errorName(error);
    if (name === 'ConditionalCheckFailedException') {
      const stored = (error as { Item?: WireImage }).Item;
      const outcome = outcomeAgainstStored(event, stored);
      if (outcome?.kind === 'duplicate') return { index, id: event.id, status: 'duplicate' };
      if (outcome?.kind === 'conflict') {
        return { index, id: event.id, status: 'rejected', path: conflictPath(event), reason: outcome.reason };
      }
      // The slot was filled but the stored record does not say by what (or was deleted meanwhile): ask again.
      return {
        index,
        id: event.id,
        status: 'retry',
        reason: 'the stored record could not be compared; send again',
      };
    }
    (deps.logger ?? silentLogger).warn('event write failed', { index, error: name });
    if (NOT_RETRYABLE.has(name)) {
      return {
        index,
        id: event.id,
        status: 'rejected',
        path: '',
        reason: `the store refused the event (${name})`,
      };
    }
    return {
      index,
      id: event.id,
      status: 'retry',
      reason: THROTTLING.has(name)
        ? 'throttled; send again later'
        : 'not stored (store error); send again later',
    };
  }
}

function validationFailure(index: number, raw: unknown, error: unknown): EventResult {
  // JSON.stringify or zod overflowing on absurd nesting: refuse the event, never the batch.
  const id =
    typeof raw === 'object' &&
    raw !== null &&
    'id' in raw &&
    typeof raw.id === 'string' &&
    raw.id.length <= EVENT_LIMITS.maxIdLength
      ? raw.id
      : undefined;
  return {
    index,
    ...(id === undefined ? {} : { id }),
    status: 'rejected',
    path: '',
    reason:
      error instanceof RangeError ? 'the event is nested too deeply' : 'the event could not be validated',
  };
}

/**
 * Validates and stores a batch of raw events; returns one result per event in input order. Events of the same
 * record are written one after another in input order (so "first wins" follows the batch's order); different
 * records are written concurrently, at most `concurrency` at a time. O(events) writes.
 */
export async function ingestEvents(raw: readonly unknown[], deps: IngestDeps): Promise<IngestOutcome> {
  const results: EventResult[] = new Array(raw.length);
  const groups = new Map<string, { index: number; event: DriftwatchEvent; write: SlotWrite }[]>();
  const nowMs = (deps.now ?? Date.now)();
  for (let index = 0; index < raw.length; index++) {
    const item = raw[index];
    let validation: ReturnType<typeof validateEvent>;
    try {
      validation = validateEvent(item, index);
    } catch (error) {
      results[index] = validationFailure(index, item, error);
      continue;
    }
    if (!validation.ok) {
      const [first, ...rest] = validation.rejections;
      results[index] = {
        index,
        ...(first?.id === undefined ? {} : { id: first.id }),
        status: 'rejected',
        path: first?.path ?? '',
        reason: first?.reason ?? 'invalid event',
        ...(rest.length > 0
          ? { issues: validation.rejections.map((r) => ({ path: r.path, reason: r.reason })) }
          : {}),
      };
      continue;
    }
    const event = validation.event;
    if (!deps.isKnownMonitor(event.monitor)) {
      results[index] = {
        index,
        id: event.id,
        status: 'rejected',
        path: 'monitor',
        reason: `unknown monitor "${event.monitor}": it is not in the configuration`,
      };
      continue;
    }
    const write = slotWriteFor(event, {
      nowMs,
      ...(deps.retentionMs === undefined ? {} : { retentionMs: deps.retentionMs }),
    });
    const group = groups.get(write.pk);
    if (group) group.push({ index, event, write });
    else groups.set(write.pk, [{ index, event, write }]);
  }

  const tasks = [...groups.values()].map((group) => async () => {
    for (const { index, event, write } of group) results[index] = await writeEvent(deps, index, event, write);
  });
  await runWithConcurrency(tasks, deps.concurrency ?? 16);

  const counts = { accepted: 0, duplicate: 0, rejected: 0, retry: 0 };
  for (const r of results) counts[r.status]++;
  return { results, counts };
}
