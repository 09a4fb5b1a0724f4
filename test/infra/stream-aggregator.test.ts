import { Match } from 'aws-cdk-lib/assertions';
import { describe, test } from 'vitest';
import {
  AGGREGATOR_BATCH_SIZE,
  AGGREGATOR_MAX_BATCHING_WINDOW,
  AGGREGATOR_MAX_RECORD_AGE,
  AGGREGATOR_RETRY_ATTEMPTS,
} from '../../infra/constructs/stream-aggregator.ts';
import { logicalIdOf, synthDriftwatch } from './synth.ts';

describe('Construct: StreamAggregator', () => {
  test('the mapping reads the Events stream into the aggregate function from the oldest record', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const mapping = {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.tables.events), 'StreamArn'] },
      FunctionName: { Ref: logicalIdOf(stack.aggregator.handler.function) },
      StartingPosition: 'TRIM_HORIZON',
    };

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', mapping);
  });

  test('a batch that keeps failing goes to the failure queue after the configured retries and record age', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const queueId = logicalIdOf(stack.aggregator.failureQueue);

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      MaximumRetryAttempts: AGGREGATOR_RETRY_ATTEMPTS,
      MaximumRecordAgeInSeconds: AGGREGATOR_MAX_RECORD_AGE.toSeconds(),
    });
  });

  test('a failed batch is retried whole: no bisecting and no partial batch responses', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const wholeBatch = { BisectBatchOnFunctionError: false, FunctionResponseTypes: Match.absent() };

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', wholeBatch);
  });

  test('batches are large and gathered over a batching window, so bucket writes amortise over many events', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const batching = {
      BatchSize: AGGREGATOR_BATCH_SIZE,
      MaximumBatchingWindowInSeconds: AGGREGATOR_MAX_BATCHING_WINDOW.toSeconds(),
      ParallelizationFactor: 1,
    };

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', batching);
  });

  test('TTL deletions (REMOVE records) are filtered out before they reach the function', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const filter = { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }] };

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FilterCriteria: filter });
  });

  test('the failure queue is encrypted and refuses requests without TLS', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const queueId = logicalIdOf(stack.aggregator.failureQueue);

    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
