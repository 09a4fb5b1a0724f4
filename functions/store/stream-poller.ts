import {
  type _Record,
  type AttributeValue,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent, AttributeValue as LambdaAttributeValue } from 'aws-lambda';
import { type StoreLogger, silentLogger } from './logger.ts';

/**
 * Reads a table's DynamoDB stream with the Streams API (ListStreams / DescribeStream / GetShardIterator /
 * GetRecords) and hands the records to a handler as Lambda's `DynamoDBStreamEvent`s, the way Lambda's event
 * source mapping does: one batch per shard, parents before children, and a batch whose handler throws is
 * re-delivered unchanged (same records, same order) until it succeeds. Used by the local stack (`npm start`),
 * the integration tests and the benchmarks; in AWS, Lambda polls the stream itself.
 */

/** GetRecords returns at most 1000 records per call. */
const GET_RECORDS_LIMIT = 1000;

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<unknown>;

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly handler: StreamHandler;
  /** Most records per delivered batch (Lambda's BatchSize). */
  readonly maxBatchSize?: number;
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  readonly logger?: StoreLogger;
}

/** The ARN of the (latest) stream of a table. @throws {Error} when the table has no stream. */
export async function findStreamArn(client: DynamoDBStreamsClient, tableName: string): Promise<string> {
  const { Streams } = await client.send(new ListStreamsCommand({ TableName: tableName }));
  const arn = Streams?.filter((s) => s.TableName === tableName).at(-1)?.StreamArn;
  if (!arn) throw new Error(`table ${tableName} has no stream`);
  return arn;
}

function toLambdaValue(value: AttributeValue): LambdaAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  throw new Error('stream record holds an attribute value of unknown type');
}

function toLambdaImage(image: Record<string, AttributeValue>): Record<string, LambdaAttributeValue> {
  const out: Record<string, LambdaAttributeValue> = {};
  for (const [k, v] of Object.entries(image)) out[k] = toLambdaValue(v);
  return out;
}

/** Converts a Streams API record to the shape Lambda delivers (epoch-second times, base64 binaries). */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb;
  return {
    ...(record.eventID === undefined ? {} : { eventID: record.eventID }),
    ...(record.eventName === undefined ? {} : { eventName: record.eventName }),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'local',
    eventSourceARN: streamArn,
    ...(record.userIdentity === undefined ? {} : { userIdentity: record.userIdentity }),
    dynamodb: {
      ...(d?.ApproximateCreationDateTime === undefined
        ? {}
        : { ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) }),
      ...(d?.Keys === undefined ? {} : { Keys: toLambdaImage(d.Keys) }),
      ...(d?.NewImage === undefined ? {} : { NewImage: toLambdaImage(d.NewImage) }),
      ...(d?.OldImage === undefined ? {} : { OldImage: toLambdaImage(d.OldImage) }),
      ...(d?.SequenceNumber === undefined ? {} : { SequenceNumber: d.SequenceNumber }),
      ...(d?.SizeBytes === undefined ? {} : { SizeBytes: d.SizeBytes }),
      ...(d?.StreamViewType === undefined ? {} : { StreamViewType: d.StreamViewType }),
    },
  };
}

interface ShardState {
  readonly shard: Shard;
  iterator?: string | undefined;
  /** Sequence number of the last record read (delivered or pending). */
  lastRead?: string | undefined;
  /** A batch whose delivery failed: it is delivered again, unchanged, before anything else of this shard. */
  pending?: DynamoDBRecord[] | undefined;
  /** The shard was closed (split or table change) and everything in it has been read. */
  closed: boolean;
  /** Closed, and everything in it has been delivered. */
  finished: boolean;
}

export interface PollResult {
  readonly batches: number;
  readonly records: number;
}

export class StreamPoller {
  readonly #options: StreamPollerOptions;
  readonly #shards = new Map<string, ShardState>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(options: StreamPollerOptions) {
    this.#options = options;
  }

  /** Creates a poller for a table's stream. */
  static async forTable(
    client: DynamoDBStreamsClient,
    tableName: string,
    handler: StreamHandler,
    options: Omit<StreamPollerOptions, 'client' | 'streamArn' | 'handler'> = {},
  ): Promise<StreamPoller> {
    return new StreamPoller({
      ...options,
      client,
      handler,
      streamArn: await findStreamArn(client, tableName),
    });
  }

  async #refreshShards(): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.#options.client.send(
        new DescribeStreamCommand({
          StreamArn: this.#options.streamArn,
          ...(exclusiveStartShardId ? { ExclusiveStartShardId: exclusiveStartShardId } : {}),
        }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId && !this.#shards.has(shard.ShardId)) {
          this.#shards.set(shard.ShardId, { shard, closed: false, finished: false });
        }
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }

  /** A child shard is read only after its parent is finished, so a record's changes are applied in order. */
  #ready(state: ShardState): boolean {
    if (state.finished) return false;
    const parentId = state.shard.ParentShardId;
    const parent = parentId === undefined ? undefined : this.#shards.get(parentId);
    return parent === undefined || parent.finished;
  }

  async #iterator(state: ShardState): Promise<string | undefined> {
    if (state.iterator) return state.iterator;
    const { ShardIterator } = await this.#options.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.#options.streamArn,
        ShardId: state.shard.ShardId,
        ...(state.lastRead
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: state.lastRead }
          : { ShardIteratorType: this.#options.startingPosition ?? 'TRIM_HORIZON' }),
      }),
    );
    state.iterator = ShardIterator;
    return ShardIterator;
  }

  /** Reads up to maxBatchSize records of one shard, advancing its read position (not its delivery). */
  async #read(state: ShardState): Promise<DynamoDBRecord[]> {
    const max = this.#options.maxBatchSize ?? GET_RECORDS_LIMIT;
    const out: DynamoDBRecord[] = [];
    while (out.length < max && !state.closed) {
      const iterator = await this.#iterator(state);
      if (iterator === undefined) {
        state.closed = true;
        break;
      }
      let result: GetRecordsCommandOutput;
      try {
        result = await this.#options.client.send(
          new GetRecordsCommand({
            ShardIterator: iterator,
            Limit: Math.min(GET_RECORDS_LIMIT, max - out.length),
          }),
        );
      } catch (error) {
        if (error instanceof ExpiredIteratorException) {
          state.iterator = undefined;
          continue;
        }
        throw error;
      }
      const records = result.Records ?? [];
      for (const r of records) out.push(toLambdaRecord(r, this.#options.streamArn));
      state.lastRead = records.at(-1)?.dynamodb?.SequenceNumber ?? state.lastRead;
      state.iterator = result.NextShardIterator;
      // No next iterator: the shard is closed and this was its end.
      if (result.NextShardIterator === undefined) state.closed = true;
      if (records.length === 0) break;
    }
    return out;
  }

  /**
   * Delivers at most one batch per ready shard. A handler error is rethrown after the batch is kept for
   * re-delivery, like Lambda's retry of a failed batch.
   */
  async pollOnce(): Promise<PollResult> {
    await this.#refreshShards();
    let batches = 0;
    let records = 0;
    for (const state of this.#shards.values()) {
      if (!this.#ready(state)) continue;
      const batch = state.pending ?? (await this.#read(state));
      if (batch.length > 0) {
        state.pending = batch;
        await this.#options.handler({ Records: batch });
        state.pending = undefined;
      }
      if (state.closed) state.finished = true;
      if (batch.length === 0) continue;
      batches++;
      records += batch.length;
    }
    return { batches, records };
  }

  /** Polls until a round delivers nothing; returns the number of records delivered. */
  async drain(maxRounds = 10_000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const { records } = await this.pollOnce();
      if (records === 0) return total;
      total += records;
    }
    throw new Error(`stream not drained after ${maxRounds} rounds`);
  }

  /** Polls every `intervalMs` until {@link stop}; handler errors are logged and the batch retried next time. */
  start(intervalMs = 1000): void {
    if (this.#timer) return;
    const logger = this.#options.logger ?? silentLogger;
    const tick = async () => {
      try {
        await this.drain();
      } catch (error) {
        logger.error('stream batch failed; it will be re-delivered', {
          error: error instanceof Error ? error.name : 'unknown error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    };
    this.#timer = setInterval(() => {
      if (!this.#running) this.#running = tick().finally(() => (this.#running = undefined));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
