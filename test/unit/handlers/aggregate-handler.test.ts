import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import { binIndex, binKey } from '../../../functions/domain/histogram/log-buckets.ts';
import { createAggregateHandler } from '../../../functions/handlers/aggregate.ts';
import { silentLogger } from '../../../functions/store/logger.ts';

const ddbMock = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const OPTIONS: FoldOptions = { taskSlaMs: 60_000, features: [{ name: 'amount', kind: 'numeric' }] };
const handler = createAggregateHandler({
  client,
  tableName: 'state',
  foldOptionsFor: (m) => (m === 'support-bot' ? OPTIONS : undefined),
  logger: silentLogger,
});

function sample(name: string): DynamoDBStreamEvent {
  return JSON.parse(readFileSync(new URL(`../../../events/stream/${name}`, import.meta.url), 'utf8'));
}

/** The counter attribute names each bucket update of the (single) transaction adds to. */
function addedCounters(): string[][] {
  const [call] = ddbMock.commandCalls(TransactWriteCommand);
  return (call?.args[0].input.TransactItems ?? [])
    .filter((i) => i.Update)
    .map((i) => Object.values(i.Update?.ExpressionAttributeNames ?? {}).sort());
}

describe('Function: createAggregateHandler (sample stream events, mocked DynamoDB)', () => {
  afterEach(() => ddbMock.reset());

  test('an inserted decision adds its decision, prediction, confidence and feature counters to four buckets', async () => {
    // Prepare
    ddbMock.on(TransactWriteCommand).resolves({});

    // Act
    const summary = await handler(sample('insert-decision.json'));

    // Assess
    expect(summary).toMatchObject({ records: 1, buckets: 4, appliedParts: 1 });
    const counters = addedCounters();
    expect(counters).toHaveLength(4);
    // amount 42.5 and confidence 0.91 as the sample's image holds them.
    const amountBin = binKey(binIndex(42.5));
    expect(counters[0]).toEqual([
      'c:conf\u001f18',
      'c:dec\u001ftriage\u001fcontrol',
      `c:fn\u001famount\u001f${amountBin}`,
      'c:pred\u001frefund',
    ]);
  });

  test('a label added to a stored decision adds only the pair counters', async () => {
    // Prepare
    ddbMock.on(TransactWriteCommand).resolves({});

    // Act
    await handler(sample('modify-label.json'));

    // Assess
    for (const counters of addedCounters()) {
      expect(counters).toEqual([
        'c:cm\u001ftriage\u001fcontrol\u001frefund\u001frefund',
        'c:lab\u001ftriage\u001fcontrol',
      ]);
    }
  });

  test('a task started and completed in one batch adds its start, outcome and latency once', async () => {
    // Prepare
    ddbMock.on(TransactWriteCommand).resolves({});

    // Act
    await handler(sample('task-started-and-completed.json'));

    // Assess
    const [minute] = addedCounters();
    // Completed 42 s after the start.
    expect(minute?.map((c) => c.split('\u001f').slice(0, 3).join('/'))).toEqual([
      `c:tl/refund-request/${binKey(binIndex(42_000))}`,
      'c:to/refund-request/completedWithinSla',
      'c:ts/refund-request',
    ]);
  });

  test.each([
    ['a TTL deletion', 'remove-ttl.json', { removed: 1, malformed: 0, unknownMonitor: 0 }],
    [
      'a record whose image cannot be decoded',
      'malformed-image.json',
      { removed: 0, malformed: 1, unknownMonitor: 0 },
    ],
  ])('%s is skipped without writing anything', async (_name, file, skipped) => {
    // Act
    const summary = await handler(sample(file));

    // Assess
    expect(summary.skipped).toEqual(skipped);
    expect(ddbMock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
