import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AGGREGATOR_BATCH_SIZE, AGGREGATOR_MAX_BATCHING_WINDOW_SECONDS } from '../aggregator-batching.ts';
import { AWS_SDK_SOURCE } from '../bundling.ts';
import type { ConfigDelivery } from '../config-delivery.ts';
import { FUNCTION_ENVIRONMENT } from '../function-environment.ts';
import { DriftwatchFunction } from './driftwatch-function.ts';
import { FailureQueue } from './failure-queue.ts';
import { KMS_ACTION_FAMILIES } from './nag-findings.ts';

export { AGGREGATOR_BATCH_SIZE } from '../aggregator-batching.ts';

/** The mapping's batching window (the reasoning is in infra/aggregator-batching.ts). */
export const AGGREGATOR_MAX_BATCHING_WINDOW = Duration.seconds(AGGREGATOR_MAX_BATCHING_WINDOW_SECONDS);

/**
 * Retries of a failed batch. Safe because a batch is applied exactly once (receipts); failures worth
 * retrying are transaction conflicts with a concurrent batch and throttling, which clear in seconds.
 */
export const AGGREGATOR_RETRY_ATTEMPTS = 10;

/**
 * Records older than this are given up on (their batch's location goes to the failure queue). Six hours
 * outlasts throttling and most incidents, and leaves ≥ 18 h of the stream's 24 h retention for an operator
 * to replay the batch from the shard and sequence numbers in the failure queue message.
 */
export const AGGREGATOR_MAX_RECORD_AGE = Duration.hours(6);

export interface StreamAggregatorProps {
  /** The aggregate handler's source file. */
  readonly entry: string;
  /** The Events table; must have a stream with new and old images. */
  readonly eventsTable: ITable;
  /** The State table the counters are written to. */
  readonly stateTable: ITable;
  readonly config: ConfigDelivery;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The aggregate function and its event source mapping on the Events table's stream.
 *
 * No `bisectBatchOnError` and no `reportBatchItemFailures`: the receipt that makes a batch exactly-once is
 * per batch, so a batch must be retried whole. Splitting it (bisect) or acknowledging part of it (item
 * failures) would produce batches the receipts do not recognise and count events twice.
 */
export class StreamAggregator extends Construct {
  readonly handler: DriftwatchFunction;
  /** Where the locations of batches that failed for good are sent. */
  readonly failureQueue: Queue;

  constructor(scope: Construct, id: string, props: StreamAggregatorProps) {
    super(scope, id);

    this.handler = new DriftwatchFunction(this, 'Aggregate', {
      entry: props.entry,
      awsSdk: AWS_SDK_SOURCE.aggregate,
      description: 'driftwatch: folds the Events stream into minute/10-minute/hour/day counter buckets',
      serviceName: 'aggregate',
      // Folding up to 5,000 records is CPU-bound JSON work; 1 GB gives a full vCPU share for ≈ the same cost.
      memorySize: 1024,
      timeout: Duration.minutes(1),
      config: props.config,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: { [FUNCTION_ENVIRONMENT.stateTableName]: props.stateTable.tableName },
    });
    const fn = this.handler.function;

    this.failureQueue = new FailureQueue(this, 'FailedBatches', {
      description: 'failed batches of the Events stream',
    }).queue;

    fn.addEventSource(
      new DynamoEventSource(props.eventsTable, {
        // TRIM_HORIZON: events written before the mapping existed (first deploy) are counted too.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: AGGREGATOR_BATCH_SIZE,
        maxBatchingWindow: AGGREGATOR_MAX_BATCHING_WINDOW,
        retryAttempts: AGGREGATOR_RETRY_ATTEMPTS,
        maxRecordAge: AGGREGATOR_MAX_RECORD_AGE,
        bisectBatchOnError: false,
        reportBatchItemFailures: false,
        // One concurrent batch per shard: concurrent transactions on the same hot bucket items would
        // cancel each other (TransactionConflict) and cost retries.
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failureQueue),
        // TTL expiry deletes raw events (REMOVE records); they must never change the counters, so they are
        // filtered out before they cost an invocation.
        filters: [FilterCriteria.filter({ eventName: FilterRule.or('INSERT', 'MODIFY') })],
      }),
    );

    // Counter updates and batch receipts: writes plus the condition checks of the receipt transaction.
    props.stateTable.grantWriteData(fn);
    props.stateTable.grant(fn, 'dynamodb:ConditionCheckItem');
    this.handler.acknowledgeRoleFindings(...KMS_ACTION_FAMILIES);
  }
}
