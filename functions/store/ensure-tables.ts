import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, EVENTS_TABLE, STATE_TABLE, type TableDefinition } from './table-definitions.ts';

export interface TableNames {
  readonly events: string;
  readonly state: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitActive(client: DynamoDBClient, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`table ${name} is not ACTIVE after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/**
 * Creates one table from its definition unless it exists, waits until it is ACTIVE and enables TTL.
 * Idempotent, so the local stack can call it on every start. For the local stack and tests only: in AWS the
 * CDK stack owns the tables.
 */
export async function ensureTable(
  client: DynamoDBClient,
  def: TableDefinition,
  name: string,
  timeoutMs = 30_000,
): Promise<void> {
  let exists = true;
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    exists = false;
  }
  if (!exists) {
    try {
      await client.send(new CreateTableCommand(createTableInput(def, name)));
    } catch (error) {
      // Someone else created it between our describe and create: fine.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await waitActive(client, name, timeoutMs);
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: def.timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // "TimeToLive is already enabled" is a ValidationException; anything else is a real problem.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
  }
}

/** Creates (if needed) the Events and State tables under the given names. */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  await ensureTable(client, EVENTS_TABLE, names.events);
  await ensureTable(client, STATE_TABLE, names.state);
}
