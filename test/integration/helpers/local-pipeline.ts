import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, DynamoDBStreamEvent } from 'aws-lambda';
import { bucketId, GRANULARITIES } from '../../../functions/domain/buckets/granularity.ts';
import { type CounterSet, countersToRecord } from '../../../functions/domain/counters/counter-set.ts';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import type { AggregateHandler } from '../../../functions/handlers/aggregate.ts';
import { createAggregateHandler } from '../../../functions/handlers/aggregate.ts';
import { createIngestHandler, type IngestHandler } from '../../../functions/handlers/ingest.ts';
import type { AggregateDeps } from '../../../functions/store/aggregate-batch.ts';
import { countersFromItem } from '../../../functions/store/counter-attributes.ts';
import { ensureTables, type TableNames } from '../../../functions/store/ensure-tables.ts';
import { BUCKET_PREFIX, parseBucketKey } from '../../../functions/store/keys.ts';
import { type StoreLogger, silentLogger } from '../../../functions/store/logger.ts';
import { StreamPoller } from '../../../functions/store/stream-poller.ts';

/**
 * The real handlers wired to DynamoDB Local: fresh tables per pipeline (from table-definitions), ingest driven
 * with API Gateway v2 events built from events/api/post-events.json, and the Events stream read with the
 * Streams API and fed to the aggregate handler as real DynamoDBStreamEvents.
 */

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

const API_SAMPLE = JSON.parse(
  readFileSync(new URL('../../../events/api/post-events.json', import.meta.url), 'utf8'),
) as APIGatewayProxyEventV2;

/** An API Gateway HTTP API (v2) POST /events with the given body. */
export function apiEvent(body: string, isBase64Encoded = false): APIGatewayProxyEventV2 {
  return { ...API_SAMPLE, body, isBase64Encoded };
}

export interface PipelineOptions {
  readonly endpoint: string;
  readonly foldOptions: ReadonlyMap<string, FoldOptions>;
  /** Monitors the ingest accepts; default: those with fold options. */
  readonly knownMonitors?: readonly string[];
  /** Records per stream batch. */
  readonly maxBatchSize?: number;
  /** Replaces the aggregate handler's document client (to inject failures). */
  readonly aggregateClient?: DynamoDBDocumentClient;
  /** Deliver every stream batch this many times (Lambda re-delivery). */
  readonly deliveries?: number;
  readonly aggregate?: Partial<Pick<AggregateDeps, 'maxUpdatesPerTransaction'>>;
  readonly logger?: StoreLogger;
}

export interface Pipeline {
  readonly tables: TableNames;
  readonly doc: DynamoDBDocumentClient;
  readonly ingest: IngestHandler;
  readonly aggregate: AggregateHandler;
  readonly poller: StreamPoller;
  /** Every batch delivered to the aggregate handler, in order. */
  readonly delivered: DynamoDBStreamEvent[];
  /**
   * POSTs the events in requests of `batchSize`, re-sending events answered "retry" (as a producer must), and
   * returns each first response's status and parsed body.
   */
  post(events: readonly unknown[], batchSize?: number): Promise<{ statusCode: number; body: unknown }[]>;
  /** Reads the stream to its end, feeding the aggregate handler; returns the records delivered. */
  drain(): Promise<number>;
  /** Every bucket of a monitor as plain records: bucketId → counters (test-only Query over each granularity). */
  allBuckets(monitor: string): Promise<Map<string, Record<string, number>>>;
  getEventItem(pk: string): Promise<Record<string, unknown> | undefined>;
  destroy(): void;
}

export function newTableNames(): TableNames {
  const suffix = randomUUID().slice(0, 8);
  return { events: `it-${suffix}-events`, state: `it-${suffix}-state` };
}

export function localClients(endpoint: string) {
  const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  return { dynamodb, doc, streams };
}

export async function createPipeline(options: PipelineOptions): Promise<Pipeline> {
  const { dynamodb, doc, streams } = localClients(options.endpoint);
  const tables = newTableNames();
  await ensureTables(dynamodb, tables);
  const known = new Set(options.knownMonitors ?? [...options.foldOptions.keys()]);
  const ingest = createIngestHandler({
    client: doc,
    tableName: tables.events,
    isKnownMonitor: (m) => known.has(m),
    logger: silentLogger,
  });
  const aggregate = createAggregateHandler({
    client: options.aggregateClient ?? doc,
    tableName: tables.state,
    foldOptionsFor: (m) => options.foldOptions.get(m),
    logger: options.logger ?? silentLogger,
    backoffMs: 5,
    ...options.aggregate,
  });
  const delivered: DynamoDBStreamEvent[] = [];
  const poller = await StreamPoller.forTable(
    streams,
    tables.events,
    async (event) => {
      for (let i = 0; i < (options.deliveries ?? 1); i++) {
        delivered.push(event);
        await aggregate(event);
      }
    },
    { maxBatchSize: options.maxBatchSize ?? 100 },
  );

  return {
    tables,
    doc,
    ingest,
    aggregate,
    poller,
    delivered,
    async post(events, batchSize = 500) {
      const out: { statusCode: number; body: unknown }[] = [];
      for (let i = 0; i < events.length; i += batchSize) {
        let batch = events.slice(i, i + batchSize);
        for (let attempt = 0; batch.length > 0; attempt++) {
          const response = await ingest(apiEvent(JSON.stringify(batch)));
          const body = JSON.parse(response.body ?? 'null') as {
            results?: { index: number; status: string }[];
          };
          if (attempt === 0) out.push({ statusCode: response.statusCode ?? 0, body });
          if (response.statusCode !== 503 || attempt >= 10) break;
          const again = new Set((body.results ?? []).filter((r) => r.status === 'retry').map((r) => r.index));
          batch = batch.filter((_, index) => again.has(index));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      return out;
    },
    async drain() {
      // A second pass after a pause picks up records DynamoDB Local publishes a moment late.
      let total = await poller.drain();
      await new Promise((resolve) => setTimeout(resolve, 50));
      total += await poller.drain();
      return total;
    },
    async allBuckets(monitor) {
      const out = new Map<string, Record<string, number>>();
      for (const g of GRANULARITIES) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await doc.send(
            new QueryCommand({
              TableName: tables.state,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': `${BUCKET_PREFIX}${monitor}#${g}` },
              ConsistentRead: true,
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          for (const item of page.Items ?? []) {
            const parsed = parseBucketKey({ pk: String(item.pk), sk: String(item.sk) });
            if (parsed) out.set(bucketId(parsed.ref), countersToRecord(countersFromItem(item)));
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }
      return out;
    },
    async getEventItem(pk) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: tables.events, Key: { pk }, ConsistentRead: true }),
      );
      return Item;
    },
    destroy() {
      dynamodb.destroy();
      streams.destroy();
    },
  };
}

/** Plain records of a fold's bucket counters for one monitor, comparable with {@link Pipeline.allBuckets}. */
export function plainBuckets(
  buckets: ReadonlyMap<string, CounterSet> | undefined,
): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const [id, set] of buckets ?? []) {
    const record = countersToRecord(set);
    if (Object.keys(record).length > 0) out.set(id, record);
  }
  return out;
}
