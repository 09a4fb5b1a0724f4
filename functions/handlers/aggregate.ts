import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { FUNCTION_ENVIRONMENT } from '../../infra/function-environment.ts';
import { foldOptionsLookup } from '../domain/counters/fold-options-from-config.ts';
import {
  type AggregateDeps,
  type AggregateSummary,
  aggregateStreamRecords,
} from '../store/aggregate-batch.ts';
import type { StoreLogger } from '../store/logger.ts';
import { configFromEnv } from './config-from-env.ts';
import { requiredEnv } from './env.ts';

/**
 * Events-table stream → counter buckets, exactly once per batch (see store/aggregate-batch.ts). Thin: hand the
 * records to the aggregate service; let a thrown error make Lambda retry the whole batch.
 *
 * Event source mapping requirements (the receipt is per batch): no BisectBatchOnFunctionError, no
 * ReportBatchItemFailures / partial batch responses, a batching window (e.g. 30 s) so a batch holds enough
 * traffic for the bucket writes to amortise, and an on-failure destination with a bounded MaximumRetryAttempts
 * so a batch failing for a non-transient reason is parked instead of blocking the shard.
 */

export type AggregateHandler = (event: DynamoDBStreamEvent) => Promise<AggregateSummary>;

export interface AggregateHandlerOptions extends Omit<AggregateDeps, 'logger'> {
  readonly logger?: StoreLogger;
}

export function createAggregateHandler(options: AggregateHandlerOptions): AggregateHandler {
  const logger: StoreLogger = options.logger ?? new Logger({ serviceName: 'driftwatch-aggregate' });
  const deps: AggregateDeps = { ...options, logger };
  return (event) => aggregateStreamRecords(event.Records, deps);
}

let fromEnv: AggregateHandler | undefined;

/**
 * The Lambda entry point, configured from the environment: STATE_TABLE_NAME and the monitor configuration
 * (see configFromEnv), from which each monitor's fold options come. Built once per container.
 */
export const handler: AggregateHandler = async (event) => {
  fromEnv ??= (() => {
    const foldOptionsFor = foldOptionsLookup(configFromEnv());
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    return createAggregateHandler({
      client,
      tableName: requiredEnv(FUNCTION_ENVIRONMENT.stateTableName),
      foldOptionsFor,
    });
  })();
  return fromEnv(event);
};
