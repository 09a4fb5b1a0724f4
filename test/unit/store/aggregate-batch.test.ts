import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import { mergeIntoDecisionRecord } from '../../../functions/domain/pairing/decision-record.ts';
import {
  AggregateRetryableError,
  aggregateStreamRecords,
  batchIdOf,
  deltasOfRecord,
} from '../../../functions/store/aggregate-batch.ts';
import { decisionRecordToItem } from '../../../functions/store/record-codec.ts';

const ddbMock = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const OPTIONS: FoldOptions = { taskSlaMs: 60_000, features: [{ name: 'amount', kind: 'numeric' }] };

function wire(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  return { M: wireImage(value as Record<string, unknown>) };
}

function wireImage(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, wire(v)]));
}

const decided = mergeIntoDecisionRecord(undefined, {
  type: 'decision',
  id: 'd1',
  monitor: 'bot',
  time: '2026-11-20T10:00:00Z',
  predicted: 'yes',
  features: { amount: 12, secret_note: 'do-not-log' },
}).record;
const labelled = mergeIntoDecisionRecord(decided, {
  type: 'label',
  id: 'l1',
  monitor: 'bot',
  time: '2026-11-22T10:00:00Z',
  decisionId: 'd1',
  actual: 'no',
}).record;

function record(
  eventID: string,
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { old?: object; new?: object },
): DynamoDBRecord {
  return {
    eventID,
    eventName,
    dynamodb: {
      Keys: { pk: { S: 'D#bot#d1' } },
      ...(images.new ? { NewImage: wireImage(decisionRecordToItem(images.new as typeof decided)) } : {}),
      ...(images.old ? { OldImage: wireImage(decisionRecordToItem(images.old as typeof decided)) } : {}),
    },
  };
}

const insert = record('e1', 'INSERT', { new: decided });
const modify = record('e2', 'MODIFY', { old: decided, new: labelled });

function deps(extra: Partial<Parameters<typeof aggregateStreamRecords>[1]> = {}) {
  const logs: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const logger = {
    info: (message: string, attributes: Record<string, unknown>) =>
      logs.push({ level: 'info', message, attributes }),
    warn: (message: string, attributes: Record<string, unknown>) =>
      logs.push({ level: 'warn', message, attributes }),
    error: (message: string, attributes: Record<string, unknown>) =>
      logs.push({ level: 'error', message, attributes }),
  };
  return {
    logs,
    deps: {
      client,
      tableName: 'state',
      foldOptionsFor: (m: string) => (m === 'bot' ? OPTIONS : undefined),
      logger,
      backoffMs: 1,
      now: () => 0,
      ...extra,
    },
  };
}

function canceled(codes: (string | undefined)[]) {
  return new TransactionCanceledException({
    message: 'canceled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => (Code ? { Code } : {})),
  });
}

describe('Function: aggregateStreamRecords (mocked DynamoDB)', () => {
  afterEach(() => ddbMock.reset());

  test('a batch is one transaction: an ADD per bucket of each granularity and a conditional receipt last', async () => {
    // Prepare
    ddbMock.on(TransactWriteCommand).resolves({});

    // Act
    const summary = await aggregateStreamRecords([insert, modify], deps().deps);

    // Assess
    const [call] = ddbMock.commandCalls(TransactWriteCommand);
    const items = call?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(5);
    expect(items.slice(0, 4).map((i) => i.Update?.Key)).toEqual([
      { pk: 'B#bot#10m', sk: '2026-11-20T10:00:00.000Z' },
      { pk: 'B#bot#1d', sk: '2026-11-20T00:00:00.000Z' },
      { pk: 'B#bot#1h', sk: '2026-11-20T10:00:00.000Z' },
      { pk: 'B#bot#1m', sk: '2026-11-20T10:00:00.000Z' },
    ]);
    expect(items[4]?.Put).toMatchObject({
      Item: { pk: `R#${batchIdOf([insert, modify])}`, sk: 'p0', parts: 1, records: 2 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(summary).toMatchObject({ records: 2, parts: 1, appliedParts: 1, alreadyAppliedParts: 0 });
  });

  test('a batch whose receipt already exists is recognised as applied and not retried', async () => {
    // Prepare
    ddbMock
      .on(TransactWriteCommand)
      .rejects(canceled(['None', 'None', 'None', 'None', 'ConditionalCheckFailed']));

    // Act
    const summary = await aggregateStreamRecords([insert], deps().deps);

    // Assess
    expect(summary).toMatchObject({ appliedParts: 0, alreadyAppliedParts: 1 });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  test('a transaction conflict is retried in place until it commits', async () => {
    // Prepare
    ddbMock
      .on(TransactWriteCommand)
      .rejectsOnce(canceled(['TransactionConflict', 'None', 'None', 'None', 'None']))
      .rejectsOnce(canceled(['None', 'ThrottlingError', 'None', 'None', 'None']))
      .resolves({});

    // Act
    const summary = await aggregateStreamRecords([insert], deps().deps);

    // Assess
    expect(summary.appliedParts).toBe(1);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  test('throttling that outlasts the in-place retries throws, so Lambda retries the batch', async () => {
    // Prepare
    ddbMock
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('slow'), { name: 'ThrottlingException' }));

    // Act + Assess
    await expect(aggregateStreamRecords([insert], deps({ maxAttempts: 3 }).deps)).rejects.toThrow(
      AggregateRetryableError,
    );
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  test('a cancellation for another reason is not retried and fails the batch', async () => {
    // Prepare
    ddbMock.on(TransactWriteCommand).rejects(canceled(['ValidationError', 'None', 'None', 'None', 'None']));

    // Act + Assess
    await expect(aggregateStreamRecords([insert], deps().deps)).rejects.toThrow(TransactionCanceledException);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  test('a malformed image is skipped and logged by its key, never by its values', async () => {
    // Prepare
    ddbMock.on(TransactWriteCommand).resolves({});
    const bad: DynamoDBRecord = {
      eventID: 'bad',
      eventName: 'INSERT',
      dynamodb: {
        Keys: { pk: { S: 'D#bot#d9' } },
        NewImage: { pk: { S: 'D#bot#d9' }, d: { M: { p: { S: 'secret-value' } } } },
      },
    };
    const { deps: d, logs } = deps();

    // Act
    const summary = await aggregateStreamRecords([bad, insert], d);

    // Assess
    expect(summary.skipped).toEqual({ removed: 0, malformed: 1, unknownMonitor: 0 });
    expect(summary.appliedParts).toBe(1);
    const warning = logs.find((l) => l.level === 'warn');
    expect(warning?.attributes).toMatchObject({ reason: 'malformed', pk: 'D#bot#d9', eventID: 'bad' });
    expect(JSON.stringify(logs)).not.toContain('secret-value');
    expect(JSON.stringify(logs)).not.toContain('do-not-log');
  });

  test('TTL deletions change no counter and a batch of them writes nothing', async () => {
    // Prepare
    const removal = record('e3', 'REMOVE', { old: labelled });

    // Act
    const summary = await aggregateStreamRecords([removal], deps().deps);

    // Assess
    expect(summary).toMatchObject({ parts: 0, skipped: { removed: 1, malformed: 0, unknownMonitor: 0 } });
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('Function: deltasOfRecord', () => {
  test('a label added to a decision adds only the pair counters, in the decision bucket', () => {
    // Act
    const result = deltasOfRecord(modify, () => OPTIONS);

    // Assess
    expect(result.ok && result.deltas.map((d) => [d.key, d.time])).toEqual([
      ['lab\u001fdefault\u001fcontrol', Date.parse('2026-11-20T10:00:00Z')],
      ['cm\u001fdefault\u001fcontrol\u001fno\u001fyes', Date.parse('2026-11-20T10:00:00Z')],
    ]);
  });

  test('a record of a monitor without fold options is skipped as unknown', () => {
    // Act + Assess
    expect(deltasOfRecord(insert, () => undefined)).toMatchObject({ ok: false, skip: 'unknownMonitor' });
  });
});

describe('Function: batchIdOf', () => {
  test('the batch id depends on the records and their order only', () => {
    // Act + Assess
    expect(batchIdOf([insert, modify])).toBe(batchIdOf([{ ...insert }, { ...modify }]));
    expect(batchIdOf([insert, modify])).not.toBe(batchIdOf([modify, insert]));
    expect(batchIdOf([insert])).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
