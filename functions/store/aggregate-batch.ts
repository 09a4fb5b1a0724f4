import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { decisionDeltas } from '../domain/counters/decision-deltas.ts';
import type { CounterDelta, FoldOptions } from '../domain/counters/fold-options.ts';
import { taskDeltas } from '../domain/counters/task-deltas.ts';
import {
  bucketUpdateOps,
  groupDeltasByBucket,
  MAX_TRANSACTION_ITEMS,
  planTransactions,
  type UpdateOp,
} from './bucket-updates.ts';
import { receiptKey } from './keys.ts';
import { type StoreLogger, silentLogger } from './logger.ts';
import { type DecodedRecord, recordFromItem } from './record-codec.ts';
import { TTL_ATTRIBUTE } from './table-definitions.ts';
import { MalformedImageError, unwireImage, type WireImage } from './wire-image.ts';

/**
 * Exactly-once aggregation of an Events-stream batch into the State table's counter buckets.
 *
 * Every change of a record (old image → new image) yields counter deltas (decisionDeltas / taskDeltas); the
 * batch's deltas are summed per bucket and applied with `ADD` in one TransactWriteItems together with a receipt
 * item for the batch, written only if absent. When Lambda re-delivers the batch (a timeout, a crash after the
 * commit), the receipt's condition fails, the transaction changes nothing, and the batch is recognised as
 * applied. A batch too large for one transaction is split into parts, each with its own receipt, so a retry
 * re-applies exactly the parts that did not commit.
 *
 * Consequences for the event source mapping (documented for the CDK stack): no BisectBatchOnFunctionError and
 * no ReportBatchItemFailures — both re-deliver a *different* set of records, whose batch id differs, and the
 * parts already committed would be counted again. The receipt is keyed by the batch (a hash of its records'
 * event ids), not by record, because a receipt per record would cost a write unit per event.
 */

/** Receipts only need to outlive Lambda's retries of a batch, bounded by the stream's 24 h retention. */
export const RECEIPT_TTL_MS = 2 * 24 * 60 * 60 * 1000;

/** Cancellation reasons and errors worth retrying in place: the receipt makes a retry safe. */
const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
]);
const RETRYABLE_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
]);

export type FoldOptionsFor = (monitor: string) => FoldOptions | undefined;

export interface AggregateDeps {
  readonly client: DynamoDBDocumentClient;
  /** The State table. */
  readonly tableName: string;
  readonly foldOptionsFor: FoldOptionsFor;
  readonly logger?: StoreLogger;
  readonly now?: () => number;
  /** Attempts per transaction on conflicts and throttling before giving up (and letting Lambda retry). */
  readonly maxAttempts?: number;
  /** First backoff delay in ms; doubles per attempt, with full jitter. */
  readonly backoffMs?: number;
  /** Bucket updates per transaction (at most 99: the receipt takes the 100th slot); tests lower it. */
  readonly maxUpdatesPerTransaction?: number;
  /** Ask DynamoDB for the consumed write units of every transaction (benchmarks). */
  readonly returnConsumedCapacity?: boolean;
  readonly onConsumedCapacity?: (writeUnits: number) => void;
}

export interface AggregateSummary {
  readonly batchId: string;
  readonly records: number;
  readonly deltas: number;
  readonly buckets: number;
  readonly parts: number;
  readonly appliedParts: number;
  /** Parts whose receipt already existed: a re-delivered batch. */
  readonly alreadyAppliedParts: number;
  readonly skipped: { readonly removed: number; readonly malformed: number; readonly unknownMonitor: number };
}

/** Thrown when a transaction still fails after in-place retries; Lambda retries the whole batch. */
export class AggregateRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AggregateRetryableError';
  }
}

/**
 * The batch's identity: SHA-256 of its records' event ids in delivery order (base64url, 43 characters).
 * O(records).
 */
export function batchIdOf(records: readonly DynamoDBRecord[]): string {
  const hash = createHash('sha256');
  for (const r of records) hash.update(`${r.eventID ?? ''}\n`);
  return hash.digest('base64url');
}

export type RecordDeltas =
  | { readonly ok: true; readonly deltas: CounterDelta[] }
  | {
      readonly ok: false;
      readonly skip: 'removed' | 'malformed' | 'unknownMonitor';
      readonly detail: string;
    };

function decodeImage(image: WireImage | undefined): DecodedRecord {
  if (image === undefined) throw new MalformedImageError('image is missing');
  return recordFromItem(unwireImage(image));
}

/**
 * The counter deltas of one stream record: what changed between its old and new image. TTL deletions
 * (REMOVE) change no counter. O(features).
 */
export function deltasOfRecord(record: DynamoDBRecord, foldOptionsFor: FoldOptionsFor): RecordDeltas {
  if (record.eventName === 'REMOVE') return { ok: false, skip: 'removed', detail: 'REMOVE' };
  let after: DecodedRecord;
  let before: DecodedRecord | undefined;
  try {
    after = decodeImage(record.dynamodb?.NewImage);
    before = record.dynamodb?.OldImage === undefined ? undefined : decodeImage(record.dynamodb.OldImage);
  } catch (error) {
    if (error instanceof MalformedImageError) return { ok: false, skip: 'malformed', detail: error.message };
    throw error;
  }
  if (before !== undefined && before.kind !== after.kind) {
    return { ok: false, skip: 'malformed', detail: 'old and new image are different kinds of record' };
  }
  const options = foldOptionsFor(after.record.monitor);
  if (!options)
    return { ok: false, skip: 'unknownMonitor', detail: `no fold options for ${after.record.monitor}` };
  if (after.kind === 'decision') {
    const old = before?.kind === 'decision' ? before.record : undefined;
    return { ok: true, deltas: decisionDeltas(old, after.record, options) };
  }
  const old = before?.kind === 'task' ? before.record : undefined;
  return { ok: true, deltas: taskDeltas(old, after.record, options) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CancellationReason {
  readonly Code?: string;
}

function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: readonly CancellationReason[] }).CancellationReasons;
  return Array.isArray(reasons) ? reasons.map((r) => r?.Code) : [];
}

type PartOutcome = 'applied' | 'alreadyApplied';

async function applyPart(
  deps: AggregateDeps,
  batchId: string,
  part: number,
  parts: number,
  ops: readonly UpdateOp[],
  recordCount: number,
): Promise<PartOutcome> {
  const now = (deps.now ?? Date.now)();
  const receipt = {
    ...receiptKey(batchId, part),
    [TTL_ATTRIBUTE]: Math.floor((now + RECEIPT_TTL_MS) / 1000),
    parts,
    records: recordCount,
    at: new Date(now).toISOString(),
  };
  const input = {
    TransactItems: [
      ...ops.map((op) => ({
        Update: {
          TableName: deps.tableName,
          Key: op.key,
          UpdateExpression: op.updateExpression,
          ExpressionAttributeNames: op.expressionAttributeNames,
          ExpressionAttributeValues: op.expressionAttributeValues,
        },
      })),
      { Put: { TableName: deps.tableName, Item: receipt, ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
    ...(deps.returnConsumedCapacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
  };
  const maxAttempts = deps.maxAttempts ?? 6;
  const backoffMs = deps.backoffMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    let retryable: boolean;
    let codes: (string | undefined)[] | undefined;
    try {
      // A new command per attempt: each gets its own idempotency token, so DynamoDB never answers a retry
      // with the outcome of the failed attempt.
      const result = await deps.client.send(new TransactWriteCommand(input));
      if (deps.onConsumedCapacity) {
        deps.onConsumedCapacity(
          (result.ConsumedCapacity ?? []).reduce((s, c) => s + (c.CapacityUnits ?? 0), 0),
        );
      }
      return 'applied';
    } catch (error) {
      codes = cancellationCodes(error);
      if (codes !== undefined) {
        // The receipt is the last action: its condition failing means this part was committed before.
        if (codes[ops.length] === 'ConditionalCheckFailed') return 'alreadyApplied';
        retryable = codes.some((c) => c !== undefined && RETRYABLE_REASONS.has(c));
      } else {
        retryable = error instanceof Error && RETRYABLE_ERRORS.has(error.name);
      }
      const name = error instanceof Error ? error.name : 'unknown error';
      const detail = { batchId, part, parts, attempt, error: name, ...(codes ? { reasons: codes } : {}) };
      if (!retryable) {
        deps.logger?.error('aggregate transaction failed', detail);
        throw error;
      }
      if (attempt >= maxAttempts) {
        deps.logger?.warn('aggregate transaction still failing; the batch will be retried', detail);
        throw new AggregateRetryableError(`part ${part + 1}/${parts} of batch ${batchId} failed: ${name}`, {
          cause: error,
        });
      }
    }
    await sleep(Math.random() * backoffMs * 2 ** (attempt - 1));
  }
}

/**
 * Applies one stream batch exactly once (see the module comment). Records that cannot be decoded are logged
 * by key and skipped; they never block the stream. O(records × features + counters log counters).
 *
 * @throws {AggregateRetryableError} when DynamoDB keeps throttling or conflicting: Lambda retries the batch and
 *   the receipts skip the parts already applied.
 */
export async function aggregateStreamRecords(
  records: readonly DynamoDBRecord[],
  deps: AggregateDeps,
): Promise<AggregateSummary> {
  const logger = deps.logger ?? silentLogger;
  const batchId = batchIdOf(records);
  const skipped = { removed: 0, malformed: 0, unknownMonitor: 0 };
  const deltas: CounterDelta[] = [];
  for (const record of records) {
    const result = deltasOfRecord(record, deps.foldOptionsFor);
    if (result.ok) {
      for (const d of result.deltas) deltas.push(d);
      continue;
    }
    skipped[result.skip]++;
    if (result.skip !== 'removed') {
      // Keys and the reason only: images hold feature values and labels.
      logger.warn('stream record skipped', {
        reason: result.skip,
        detail: result.detail,
        eventID: record.eventID,
        pk: record.dynamodb?.Keys?.pk?.S,
      });
    }
  }
  const buckets = groupDeltasByBucket(deltas);
  const parts = planTransactions(
    buckets.flatMap((b) => bucketUpdateOps(b)),
    Math.min(deps.maxUpdatesPerTransaction ?? MAX_TRANSACTION_ITEMS - 1, MAX_TRANSACTION_ITEMS - 1),
  );
  let appliedParts = 0;
  let alreadyAppliedParts = 0;
  for (const [i, ops] of parts.entries()) {
    const outcome = await applyPart(deps, batchId, i, parts.length, ops, records.length);
    if (outcome === 'applied') appliedParts++;
    else alreadyAppliedParts++;
  }
  const summary: AggregateSummary = {
    batchId,
    records: records.length,
    deltas: deltas.length,
    buckets: buckets.length,
    parts: parts.length,
    appliedParts,
    alreadyAppliedParts,
    skipped,
  };
  logger.info('stream batch aggregated', { ...summary });
  return summary;
}
