import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { PIPELINE_ALARM_THRESHOLDS } from '../../infra/constructs/pipeline-alarms.ts';
import type { DriftwatchStack } from '../../infra/driftwatch-stack.ts';
import { FIXTURES, logicalIdOf, present, synthDriftwatch } from './synth.ts';

type AlarmCase = readonly [what: string, expected: (stack: DriftwatchStack) => Record<string, unknown>];

const fn = (construct: Parameters<typeof logicalIdOf>[0]) => [
  { Name: 'FunctionName', Value: { Ref: logicalIdOf(construct) } },
];
const queue = (construct: Parameters<typeof logicalIdOf>[0]) => [
  { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(construct), 'QueueName'] } },
];

const ALARMS: readonly AlarmCase[] = [
  [
    'ingest server errors (5xx)',
    () => ({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Threshold: PIPELINE_ALARM_THRESHOLDS.ingestServerErrors,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  ],
  [
    'the stream iterator age of the aggregator',
    (stack) => ({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: fn(stack.aggregator.handler.function),
      Threshold: PIPELINE_ALARM_THRESHOLDS.streamIteratorAgeMs,
    }),
  ],
  [
    'errors of the evaluate function',
    (stack) => ({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: fn(present(stack.evaluator, 'an evaluator').handler.function),
      EvaluationPeriods: PIPELINE_ALARM_THRESHOLDS.functionErrorMinutes,
    }),
  ],
  [
    'the duration of the evaluate function nearing its timeout',
    (stack) => ({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: fn(present(stack.evaluator, 'an evaluator').handler.function),
      Threshold: 40_000,
    }),
  ],
  [
    'a missing evaluate heartbeat (no invocations counts as failing)',
    (stack) => ({
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: fn(present(stack.evaluator, 'an evaluator').handler.function),
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    }),
  ],
  [
    'a failed weekly report (the run and both retries)',
    (stack) => ({
      MetricName: 'Errors',
      Dimensions: fn(present(stack.weeklyReport, 'a weekly report').handler.function),
      Period: 900,
      Threshold: 3,
    }),
  ],
  [
    'messages in the failed-batch queue of the aggregator',
    (stack) => ({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: queue(stack.aggregator.failureQueue),
    }),
  ],
  [
    'messages in the queue of undelivered evaluations',
    (stack) => ({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: queue(present(stack.evaluator, 'an evaluator').failureQueue),
    }),
  ],
];

describe('Construct: PipelineAlarms', () => {
  test.each(ALARMS)(
    'an alarm on %s notifies the operations topic when it fires and when it recovers',
    (_what, expected) => {
      // Prepare
      const { template, stack } = synthDriftwatch();

      // Act
      const operations = { Ref: logicalIdOf(stack.topics.operations) };

      // Assess
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...expected(stack),
        AlarmActions: [operations],
        OKActions: [operations],
      });
    },
  );

  test('the heartbeat alarm follows the configured evaluation interval', () => {
    // Prepare
    const { template } = synthDriftwatch({ config: FIXTURES.fiveMinuteInterval });

    // Act
    const heartbeat = {
      MetricName: 'Invocations',
      Period: 300,
      EvaluationPeriods: PIPELINE_ALARM_THRESHOLDS.heartbeatMissingPeriods,
      TreatMissingData: 'breaching',
    };

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', heartbeat);
  });

  test('no alarm treats missing data as failing except the heartbeat', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const breaching = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { TreatMissingData: 'breaching', MetricName: Match.not('Invocations') },
    });

    // Assess
    expect(Object.keys(breaching)).toEqual([]);
  });
});
