import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AWS_SDK_SOURCE } from '../bundling.ts';
import type { ConfigDelivery } from '../config-delivery.ts';
import { FUNCTION_ENVIRONMENT } from '../function-environment.ts';
import { scheduledInvocationTemplate } from '../schedule-payload.ts';
import { DriftwatchFunction } from './driftwatch-function.ts';
import { FailureQueue } from './failure-queue.ts';
import { KMS_ACTION_FAMILIES } from './nag-findings.ts';
import { schedulerRoleFor } from './scheduler-role.ts';

/**
 * The default evaluation interval. A full outage is paged within two intervals (design target): the first
 * run that sees the error ratio cross the fast-burn threshold fires.
 */
export const DEFAULT_EVALUATION_INTERVAL = Duration.minutes(1);

/**
 * Shorter than the shortest interval (1 minute), so one run has ended before the next one starts and two
 * runs never race on the alert state. (Reserved concurrency of 1 would enforce it too, but new accounts with a concurrency quota of
 * 10 cannot reserve any, and the stack must deploy everywhere.)
 */
export const EVALUATOR_TIMEOUT = Duration.seconds(50);

export interface EvaluatorProps {
  /** The evaluate handler's source file. */
  readonly entry: string;
  /** Counter buckets are read from it, alert state is read and written. */
  readonly stateTable: ITable;
  /** Alert transitions are published here. */
  readonly alertsTopic: ITopic;
  readonly config: ConfigDelivery;
  /**
   * How often to evaluate: the configuration's `defaults.evaluationInterval`. Whole minutes.
   * @default DEFAULT_EVALUATION_INTERVAL (1 minute)
   */
  readonly interval?: Duration;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The evaluate function, invoked by an EventBridge Scheduler schedule every interval (default: every
 * minute) with the scheduled time
 * (see `ScheduledInvocationEvent`), so each run evaluates "as of" that instant.
 *
 * Retries are short on purpose: the next run, an interval later, covers the same windows, and alert
 * publications that failed are retried by that run. Scheduler retries a failed delivery for at most a
 * minute, then records it in the failure queue; Lambda does not retry a failed run (an old run finishing
 * after a newer one would only add noise).
 */
export class Evaluator extends Construct {
  readonly handler: DriftwatchFunction;
  readonly schedule: Schedule;
  readonly interval: Duration;
  /** Schedule invocations Scheduler could not deliver. */
  readonly failureQueue: Queue;

  constructor(scope: Construct, id: string, props: EvaluatorProps) {
    super(scope, id);
    this.interval = props.interval ?? DEFAULT_EVALUATION_INTERVAL;
    const minutes = this.interval.toMinutes({ integral: false });
    if (!(Number.isInteger(minutes) && minutes >= 1)) {
      throw new Error(
        `evaluation interval must be a whole number of minutes ≥ 1 (got ${this.interval.toHumanString()})`,
      );
    }

    this.handler = new DriftwatchFunction(this, 'Evaluate', {
      entry: props.entry,
      awsSdk: AWS_SDK_SOURCE.evaluate,
      description: 'driftwatch: every minute, computes SLIs, burn rates and drift and drives the alert state',
      serviceName: 'evaluate',
      // 100 monitors × 20 features must evaluate in < 1 s of CPU; 1 GB buys a full vCPU share.
      memorySize: 1024,
      timeout: EVALUATOR_TIMEOUT,
      config: props.config,
      logRemovalPolicy: props.logRemovalPolicy,
      asyncRetryAttempts: 0,
      asyncMaxEventAge: Duration.minutes(1),
      environment: {
        [FUNCTION_ENVIRONMENT.stateTableName]: props.stateTable.tableName,
        [FUNCTION_ENVIRONMENT.alertsTopicArn]: props.alertsTopic.topicArn,
      },
    });
    const fn = this.handler.function;
    props.stateTable.grantReadWriteData(fn);
    props.alertsTopic.grantPublish(fn);
    this.handler.acknowledgeRoleFindings(...KMS_ACTION_FAMILIES);

    this.failureQueue = new FailureQueue(this, 'UndeliveredRuns', {
      description: 'evaluation runs EventBridge Scheduler could not deliver',
    }).queue;
    const stack = Stack.of(this);
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'driftwatch: evaluate all monitors',
      schedule: ScheduleExpression.rate(this.interval),
      target: new LambdaInvoke(fn, {
        role: schedulerRoleFor(this, fn),
        input: ScheduleTargetInput.fromObject(
          scheduledInvocationTemplate('evaluate', stack.account, stack.region),
        ),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(1),
        deadLetterQueue: this.failureQueue,
      }),
    });
  }
}
