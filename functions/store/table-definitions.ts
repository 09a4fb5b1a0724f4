import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one description of driftwatch's two DynamoDB tables. The CDK stack and the local bootstrap
 * (`npm start`, integration tests, benchmarks) both build their tables from these plain objects, so the
 * key schema, the TTL attribute and the stream settings cannot drift apart between the cloud and this machine.
 */

/** Epoch-seconds attribute DynamoDB's TTL deletes items by (on both tables). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

export interface TableDefinition {
  /** Logical name, used for CloudFormation ids and local table names. */
  readonly id: 'Events' | 'State';
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly timeToLiveAttribute: typeof TTL_ATTRIBUTE;
  /** The stream view type when the table has a stream. */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  /** On-demand: traffic is bursty and small; no capacity planning for users. */
  readonly billingMode: 'PAY_PER_REQUEST';
}

/**
 * Events table: one item per decision (`D#<monitor>#<decisionId>`, holding the decision and its label) and per
 * task (`T#<monitor>#<taskId>`, holding the start and the terminal event). Its stream (new and old images)
 * feeds the aggregate function, which needs both images to know what a write changed.
 */
export const EVENTS_TABLE: TableDefinition = {
  id: 'Events',
  partitionKey: { name: 'pk', type: 'S' },
  timeToLiveAttribute: TTL_ATTRIBUTE,
  stream: 'NEW_AND_OLD_IMAGES',
  billingMode: 'PAY_PER_REQUEST',
};

/**
 * State table: counter buckets (`B#<monitor>#<granularity>` / bucket start ISO), batch receipts
 * (`R#<batchId>` / `p<part>`), and the evaluator's alert state, evaluations and baselines.
 */
export const STATE_TABLE: TableDefinition = {
  id: 'State',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: TTL_ATTRIBUTE,
  billingMode: 'PAY_PER_REQUEST',
};

export const TABLE_DEFINITIONS: readonly TableDefinition[] = [EVENTS_TABLE, STATE_TABLE];

/**
 * The SDK CreateTable input for a definition under a concrete table name. TTL is not part of CreateTable;
 * enable it afterwards with UpdateTimeToLive (see `ensureTables`).
 *
 * @example
 * await client.send(new CreateTableCommand(createTableInput(EVENTS_TABLE, 'driftwatch-events')));
 */
export function createTableInput(def: TableDefinition, name: string): CreateTableCommandInput {
  const keys = def.sortKey ? [def.partitionKey, def.sortKey] : [def.partitionKey];
  return {
    TableName: name,
    BillingMode: def.billingMode,
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(def.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } } : {}),
  };
}
