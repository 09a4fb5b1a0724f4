import { type AttributeValue, BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import { type BucketRef, bucketId } from '../../../functions/domain/buckets/granularity.ts';
import { bucketKey } from '../../../functions/store/keys.ts';
import { readCounters, readWindow } from '../../../functions/store/read-counters.ts';

const ddbMock = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const deps = { client, tableName: 'state', backoffMs: 1 };
const T = Date.UTC(2026, 10, 20);
const minutes = (n: number): BucketRef[] =>
  Array.from({ length: n }, (_, i) => ({ granularity: '1m', start: T + i * 60_000 }));
/** A bucket item as the low-level API returns it. */
const item = (ref: BucketRef, counters: Record<string, number>) =>
  marshall({
    ...bucketKey('bot', ref),
    expiresAt: 1,
    ...Object.fromEntries(Object.entries(counters).map(([k, v]) => [`c:${k}`, v])),
  });

type Keys = { pk: string; sk: string }[];
const requestedKeys = (input: {
  RequestItems?: Record<string, { Keys?: Record<string, AttributeValue>[] }>;
}) => (input.RequestItems?.state?.Keys ?? []).map((k) => unmarshall(k)) as Keys;

describe('Function: readCounters (mocked DynamoDB)', () => {
  afterEach(() => ddbMock.reset());

  test('250 buckets are read in calls of at most 100 keys, and each found item becomes its counters', async () => {
    // Prepare
    ddbMock.on(BatchGetItemCommand).callsFake((input) => ({
      Responses: { state: requestedKeys(input).map((k) => marshall({ ...k, 'c:dec': 1, other: 'x' })) },
    }));

    // Act
    const result = await readCounters(deps, 'bot', minutes(250));

    // Assess
    const calls = ddbMock.commandCalls(BatchGetItemCommand).map((c) => requestedKeys(c.args[0].input).length);
    expect(calls).toEqual([100, 100, 50]);
    expect(result).toMatchObject({ itemsRead: 250, itemsFound: 250, requests: 3 });
    expect(result.counters.get(bucketId({ granularity: '1m', start: T }))).toEqual(new Map([['dec', 1]]));
  });

  test('unprocessed keys are requested again until DynamoDB answers them', async () => {
    // Prepare
    const refs = minutes(3);
    const [a, b, c] = refs.map((r) => ({ ...bucketKey('bot', r) }));
    if (!a || !b || !c) throw new Error('three refs expected');
    ddbMock
      .on(BatchGetItemCommand)
      .resolvesOnce({
        Responses: { state: [item(refs[0] as BucketRef, { x: 1 })] },
        UnprocessedKeys: { state: { Keys: [marshall(b), marshall(c)] } },
      })
      .resolvesOnce({
        Responses: { state: [item(refs[1] as BucketRef, { x: 2 })] },
        UnprocessedKeys: { state: { Keys: [marshall(c)] } },
      })
      .resolvesOnce({ Responses: { state: [item(refs[2] as BucketRef, { x: 3 })] } });

    // Act
    const result = await readCounters(deps, 'bot', refs);

    // Assess
    expect(ddbMock.commandCalls(BatchGetItemCommand).map((x) => requestedKeys(x.args[0].input))).toEqual([
      [a, b, c],
      [b, c],
      [c],
    ]);
    expect([...result.counters.values()].map((s) => s.get('x'))).toEqual([1, 2, 3]);
    expect(result.requests).toBe(3);
  });

  test('keys still unprocessed after the last attempt fail the read instead of returning a partial window', async () => {
    // Prepare
    const refs = minutes(1);
    ddbMock
      .on(BatchGetItemCommand)
      .resolves({ UnprocessedKeys: { state: { Keys: [marshall(bucketKey('bot', refs[0] as BucketRef))] } } });

    // Act + Assess
    await expect(readCounters({ ...deps, maxAttempts: 3 }, 'bot', refs)).rejects.toThrow(
      /unprocessed after 3 attempts/,
    );
  });

  test('a bucket asked for twice is read once', async () => {
    // Prepare
    ddbMock.on(BatchGetItemCommand).resolves({ Responses: { state: [] } });

    // Act
    const result = await readCounters(deps, 'bot', [...minutes(2), ...minutes(2)]);

    // Assess
    expect(result.itemsRead).toBe(2);
    expect(requestedKeys(ddbMock.commandCalls(BatchGetItemCommand)[0]?.args[0].input ?? {})).toHaveLength(2);
  });
});

describe('Function: readWindow (mocked DynamoDB)', () => {
  afterEach(() => ddbMock.reset());

  test('a window is the sum of its cover, read as one item per bucket', async () => {
    // Prepare: a 2-hour window ending at 10:30 is covered by 8:30–9:00 (3 × 10m) + 9:00 (1h) + 10:00–10:30 (3 × 10m).
    ddbMock.on(BatchGetItemCommand).callsFake((input) => ({
      Responses: { state: requestedKeys(input).map((k) => marshall({ ...k, 'c:dec': 2, 'c:lab': 1 })) },
    }));

    // Act
    const result = await readWindow(deps, 'bot', T + 10.5 * 3_600_000, 2 * 3_600_000);

    // Assess
    expect(result.buckets.map((b) => b.granularity)).toEqual([
      '10m',
      '10m',
      '10m',
      '1h',
      '10m',
      '10m',
      '10m',
    ]);
    expect(result.itemsRead).toBe(7);
    expect(Object.fromEntries(result.counters)).toEqual({ dec: 14, lab: 7 });
  });
});
