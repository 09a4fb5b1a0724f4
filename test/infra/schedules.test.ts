import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { FIXTURES, logicalIdOf, present, synthDriftwatch } from './synth.ts';

function scheduleInput(template: ReturnType<typeof synthDriftwatch>['template'], scheduleId: string): string {
  const schedule = template.toJSON().Resources[scheduleId] as {
    Properties: { Target: { Input: string | { 'Fn::Join': [string, unknown[]] } } };
  };
  const input = schedule.Properties.Target.Input;
  return typeof input === 'string'
    ? input
    : // References (account, region) sit inside JSON strings already: replace them with a bare word.
      input['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'reference')).join('');
}

describe('Construct: Evaluator', () => {
  test('a schedule invokes the evaluate function every minute', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const functionId = logicalIdOf(present(stack.evaluator, 'an evaluator').handler.function);

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } }),
    });
  });

  test('the schedule follows the configuration’s evaluation interval', () => {
    // Prepare
    const { template } = synthDriftwatch({ config: FIXTURES.fiveMinuteInterval });

    // Act
    const schedule = { ScheduleExpression: 'rate(5 minutes)' };

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', schedule);
  });

  test('each run is told the scheduled time, so it evaluates as of that instant', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const input = JSON.parse(
      scheduleInput(template, logicalIdOf(present(stack.evaluator, 'an evaluator').schedule)),
    );

    // Assess
    expect(input).toMatchObject({
      time: '<aws.scheduler.scheduled-time>',
      'detail-type': 'Scheduled Event',
      detail: { job: 'evaluate' },
    });
  });

  test('undelivered runs are retried for at most a minute, then parked in a failure queue', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const queueId = logicalIdOf(present(stack.evaluator, 'an evaluator').failureQueue);

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({
        RetryPolicy: { MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      }),
    });
  });

  test('a failed run is not retried by Lambda: the next scheduled run supersedes it', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const functionId = logicalIdOf(present(stack.evaluator, 'an evaluator').handler.function);

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 60,
    });
  });
});

describe('Construct: WeeklyReport', () => {
  test('a schedule invokes the report function on Mondays at 06:00 UTC', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const functionId = logicalIdOf(present(stack.weeklyReport, 'a weekly report').handler.function);

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 ? * MON *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } }),
    });
  });

  test('each run is told the scheduled time, so a retried run reports on the same week', () => {
    // Prepare
    const { template, stack } = synthDriftwatch();

    // Act
    const input = JSON.parse(
      scheduleInput(template, logicalIdOf(present(stack.weeklyReport, 'a weekly report').schedule)),
    );

    // Assess
    expect(input).toMatchObject({ time: '<aws.scheduler.scheduled-time>', detail: { job: 'report' } });
  });
});
