import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import { findStreamArn, StreamPoller, toLambdaRecord } from '../../../functions/store/stream-poller.ts';

const streamsMock = mockClient(DynamoDBStreamsClient);
const client = new DynamoDBStreamsClient({ region: 'us-east-1' });
const ARN = 'arn:aws:dynamodb:local:000000000000:table/events/stream/1';

const rec = (seq: number): _Record => ({
  eventID: `e${seq}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(seq).padStart(21, '0'), Keys: { pk: { S: `k${seq}` } } },
});

/** Two shards: a closed parent with records 1–3 and its open child with records 4–5. */
function twoShards() {
  streamsMock.on(DescribeStreamCommand).resolves({
    StreamDescription: {
      Shards: [{ ShardId: 'child', ParentShardId: 'parent' }, { ShardId: 'parent' }],
    },
  });
  streamsMock.on(GetShardIteratorCommand, { ShardId: 'parent' }).resolves({ ShardIterator: 'p0' });
  streamsMock.on(GetShardIteratorCommand, { ShardId: 'child' }).resolves({ ShardIterator: 'c0' });
  streamsMock
    .on(GetRecordsCommand, { ShardIterator: 'p0' })
    .resolves({ Records: [rec(1), rec(2)], NextShardIterator: 'p1' });
  streamsMock.on(GetRecordsCommand, { ShardIterator: 'p1' }).resolves({ Records: [rec(3)] });
  streamsMock
    .on(GetRecordsCommand, { ShardIterator: 'c0' })
    .resolves({ Records: [rec(4), rec(5)], NextShardIterator: 'c1' });
  streamsMock
    .on(GetRecordsCommand, { ShardIterator: 'c1' })
    .resolves({ Records: [], NextShardIterator: 'c1' });
}

describe('Class: StreamPoller (mocked Streams API)', () => {
  afterEach(() => streamsMock.reset());

  test('a child shard is delivered only after its closed parent has been delivered completely', async () => {
    // Prepare
    twoShards();
    const batches: string[][] = [];
    const poller = new StreamPoller({
      client,
      streamArn: ARN,
      handler: async (e) => batches.push(e.Records.map((r) => r.eventID ?? '')),
      maxBatchSize: 2,
    });

    // Act
    const delivered = await poller.drain();

    // Assess
    expect(delivered).toBe(5);
    expect(batches).toEqual([['e1', 'e2'], ['e3'], ['e4', 'e5']]);
  });

  test('a batch whose handler throws is delivered again, unchanged, before anything newer', async () => {
    // Prepare
    twoShards();
    const seen: DynamoDBStreamEvent[] = [];
    let failures = 1;
    const poller = new StreamPoller({
      client,
      streamArn: ARN,
      handler: async (e) => {
        seen.push(e);
        if (failures-- > 0) throw new Error('handler failed');
      },
      maxBatchSize: 10,
    });

    // Act
    await expect(poller.pollOnce()).rejects.toThrow('handler failed');
    await poller.drain();

    // Assess
    expect(seen.map((e) => e.Records.map((r) => r.eventID))).toEqual([
      ['e1', 'e2', 'e3'],
      ['e1', 'e2', 'e3'],
      ['e4', 'e5'],
    ]);
    expect(seen[1]?.Records).toBe(seen[0]?.Records);
  });

  test('the stream of a table is found by name', async () => {
    // Prepare
    streamsMock.on(ListStreamsCommand).resolves({ Streams: [{ TableName: 'events', StreamArn: ARN }] });

    // Act + Assess
    await expect(findStreamArn(client, 'events')).resolves.toBe(ARN);
  });

  test('a table without a stream is an error naming the table', async () => {
    // Prepare
    streamsMock.on(ListStreamsCommand).resolves({ Streams: [] });

    // Act + Assess
    await expect(findStreamArn(client, 'events')).rejects.toThrow('table events has no stream');
  });
});

describe('Function: toLambdaRecord', () => {
  test('a Streams API record takes the shape Lambda delivers: epoch seconds, base64 binaries, the source ARN', () => {
    // Prepare
    const record: _Record = {
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-11-20T10:00:00Z'),
        Keys: { pk: { S: 'D#bot#d1' } },
        NewImage: {
          pk: { S: 'D#bot#d1' },
          b: { B: Uint8Array.from([1, 2, 3]) },
          m: { M: { n: { N: '1' } } },
        },
        OldImage: { pk: { S: 'D#bot#d1' }, l: { L: [{ BOOL: true }, { NULL: true }] } },
        SequenceNumber: '7',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };

    // Act
    const lambda = toLambdaRecord(record, ARN);

    // Assess
    expect(lambda).toEqual({
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      eventSourceARN: ARN,
      dynamodb: {
        ApproximateCreationDateTime: Date.parse('2026-11-20T10:00:00Z') / 1000,
        Keys: { pk: { S: 'D#bot#d1' } },
        NewImage: { pk: { S: 'D#bot#d1' }, b: { B: 'AQID' }, m: { M: { n: { N: '1' } } } },
        OldImage: { pk: { S: 'D#bot#d1' }, l: { L: [{ BOOL: true }, { NULL: true }] } },
        SequenceNumber: '7',
        SizeBytes: 40,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });
});
