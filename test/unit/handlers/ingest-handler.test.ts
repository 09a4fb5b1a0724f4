import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import { createIngestHandler, RETRY_AFTER_SECONDS } from '../../../functions/handlers/ingest.ts';
import { silentLogger } from '../../../functions/store/logger.ts';

const ddbMock = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

const handler = createIngestHandler({
  client,
  tableName: 'events',
  isKnownMonitor: (m) => m === 'bot',
  logger: silentLogger,
  now: () => Date.UTC(2026, 10, 20),
});

function post(body: unknown): APIGatewayProxyEventV2 {
  return { body: JSON.stringify(body), isBase64Encoded: false } as APIGatewayProxyEventV2;
}

const decision = (id: string) => ({
  type: 'decision',
  id,
  monitor: 'bot',
  time: '2026-11-20T10:00:00Z',
  predicted: 'yes',
});
const label = (id: string, decisionId: string) => ({
  type: 'label',
  id,
  monitor: 'bot',
  time: '2026-11-20T10:05:00Z',
  decisionId,
  actual: 'no',
});

async function call(body: unknown) {
  const r = await handler(post(body));
  return { status: r.statusCode, headers: r.headers ?? {}, body: JSON.parse(r.body ?? 'null') };
}

describe('Function: createIngestHandler (store adapter edge cases, mocked DynamoDB)', () => {
  afterEach(() => {
    ddbMock.reset();
  });

  test('a throttled write is answered 503 with Retry-After and marks exactly the throttled events as retry', async () => {
    // Prepare
    ddbMock.on(UpdateCommand).resolves({});
    for (const pk of ['D#bot#d2', 'D#bot#d4']) {
      ddbMock
        .on(UpdateCommand, { Key: { pk } })
        .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    }

    // Act
    const answer = await call([
      decision('d1'),
      decision('d2'),
      decision('d3'),
      decision('d4'),
      { type: 'x' },
    ]);

    // Assess
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS));
    expect(answer.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'retry',
      'accepted',
      'retry',
      'rejected',
    ]);
    expect(answer.body).toMatchObject({ accepted: 2, retry: 2, rejected: 1, duplicate: 0 });
  });

  test('a failed condition on a slot holding the same event id is answered as a duplicate', async () => {
    // Prepare
    const stored = {
      pk: { S: 'D#bot#d1' },
      l: { M: { i: { S: 'l1' }, t: { N: '1795082700000' }, a: { S: 'no' } } },
    };
    ddbMock
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {}, Item: stored }));

    // Act
    const answer = await call([label('l1', 'd1')]);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([{ index: 0, id: 'l1', status: 'duplicate' }]);
  });

  test('a failed condition on a slot holding another event is answered as a rejection naming the first event', async () => {
    // Prepare
    const stored = {
      pk: { S: 'D#bot#d1' },
      l: { M: { i: { S: 'l0' }, t: { N: '1795082700000' }, a: { S: 'yes' } } },
    };
    ddbMock
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {}, Item: stored }));

    // Act
    const answer = await call([label('l1', 'd1')]);

    // Assess
    expect(answer.status).toBe(207);
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', path: 'decisionId' });
    expect(answer.body.results[0].reason).toContain('l0');
  });

  test('a failed condition without the stored item is answered as retry, not guessed', async () => {
    // Prepare
    ddbMock
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));

    // Act
    const answer = await call([decision('d1')]);

    // Assess
    expect(answer.status).toBe(503);
    expect(answer.body.results[0].status).toBe('retry');
  });

  test('a write the store refuses as invalid is rejected instead of retried forever', async () => {
    // Prepare
    const error = Object.assign(new Error('bad'), { name: 'ValidationException' });
    ddbMock.on(UpdateCommand).rejects(error);

    // Act
    const answer = await call([decision('d1')]);

    // Assess
    expect(answer.status).toBe(207);
    expect(answer.body.results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('ValidationException'),
    });
  });

  test('each event is one conditional UpdateItem on its slot that asks for the old item when the condition fails', async () => {
    // Prepare
    ddbMock.on(UpdateCommand).resolves({});

    // Act
    await call({ events: [decision('d1'), label('l1', 'd1')] });

    // Assess
    const inputs = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => [i.Key, i.ConditionExpression, i.ReturnValuesOnConditionCheckFailure])).toEqual([
      [{ pk: 'D#bot#d1' }, 'attribute_not_exists(d)', 'ALL_OLD'],
      [{ pk: 'D#bot#d1' }, 'attribute_not_exists(l)', 'ALL_OLD'],
    ]);
  });

  test('events of one record are written in input order, so the first of two competing labels wins', async () => {
    // Prepare
    const order: string[] = [];
    ddbMock
      .on(UpdateCommand)
      .callsFake(async (input: { ExpressionAttributeValues: { ':v': { i?: string } } }) => {
        await new Promise((resolve) => setTimeout(resolve, order.length === 0 ? 20 : 0));
        order.push(String(input.ExpressionAttributeValues[':v'].i));
        return {};
      });

    // Act
    await call([label('first', 'd1'), label('second', 'd1')]);

    // Assess
    expect(order).toEqual(['first', 'second']);
  });

  test('an unexpected failure is answered 500 with a JSON body', async () => {
    // Prepare
    const broken = createIngestHandler({
      client,
      tableName: 'events',
      isKnownMonitor: () => {
        throw new Error('config exploded');
      },
      logger: silentLogger,
    });

    // Act
    const r = await broken(post([decision('d1')]));

    // Assess
    expect(r.statusCode).toBe(500);
    expect(JSON.parse(r.body ?? '').error.code).toBe('internal_error');
  });
});
