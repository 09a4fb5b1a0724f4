import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
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
import { arnInFinding, KMS_ACTION_FAMILIES } from './nag-findings.ts';
import { schedulerRoleFor } from './scheduler-role.ts';

/** Monday 06:00 UTC: the report covers the full previous week and is there when the week's work starts. */
export const WEEKLY_REPORT_SCHEDULE = ScheduleExpression.cron({ weekDay: 'MON', hour: '6', minute: '0' });

export interface WeeklyReportProps {
  /** The report handler's source file. */
  readonly entry: string;
  /** Counter buckets and alert history are read from it. */
  readonly stateTable: ITable;
  /** Reports (HTML + JSON) are written here. */
  readonly bucket: IBucket;
  /** "A report is ready" is published here. */
  readonly reportsTopic: ITopic;
  readonly config: ConfigDelivery;
  /** @default Monday 06:00 UTC */
  readonly schedule?: ScheduleExpression;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The report function, invoked weekly by an EventBridge Scheduler schedule with the scheduled time (see
 * `ScheduledInvocationEvent`), so a retried run reports on the same week. A week's report may be late but
 * must not be lost: Scheduler retries delivery for up to 6 hours and Lambda retries a failed run twice.
 */
export class WeeklyReport extends Construct {
  readonly handler: DriftwatchFunction;
  readonly schedule: Schedule;
  /** Report runs Scheduler could not deliver. */
  readonly failureQueue: Queue;

  constructor(scope: Construct, id: string, props: WeeklyReportProps) {
    super(scope, id);

    this.handler = new DriftwatchFunction(this, 'Report', {
      entry: props.entry,
      awsSdk: AWS_SDK_SOURCE.report,
      description: 'driftwatch: weekly governance report per monitor, archived in S3 and announced on SNS',
      serviceName: 'report',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      config: props.config,
      logRemovalPolicy: props.logRemovalPolicy,
      environment: {
        [FUNCTION_ENVIRONMENT.stateTableName]: props.stateTable.tableName,
        [FUNCTION_ENVIRONMENT.reportBucketName]: props.bucket.bucketName,
        [FUNCTION_ENVIRONMENT.reportsTopicArn]: props.reportsTopic.topicArn,
      },
    });
    const fn = this.handler.function;
    props.stateTable.grantReadData(fn);
    props.bucket.grantPut(fn);
    props.reportsTopic.grantPublish(fn);
    this.handler.acknowledgeRoleFindings(
      ...KMS_ACTION_FAMILIES.filter((finding) => finding.id.includes('GenerateDataKey')),
      {
        id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
        reason:
          's3:AbortMultipartUpload (the only s3:Abort* action) lets the SDK clean up a failed multipart upload of a large report; scoped to the report bucket.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arnInFinding(props.bucket)}/*]`,
        reason:
          'Report object keys are made per monitor and week at run time; the grant is limited to objects of the report bucket.',
      },
    );

    this.failureQueue = new FailureQueue(this, 'UndeliveredRuns', {
      description: 'weekly report runs EventBridge Scheduler could not deliver',
    }).queue;
    const stack = Stack.of(this);
    this.schedule = new Schedule(this, 'Weekly', {
      description: 'driftwatch: weekly governance report',
      schedule: props.schedule ?? WEEKLY_REPORT_SCHEDULE,
      target: new LambdaInvoke(fn, {
        role: schedulerRoleFor(this, fn),
        input: ScheduleTargetInput.fromObject(
          scheduledInvocationTemplate('report', stack.account, stack.region),
        ),
        retryAttempts: 10,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.failureQueue,
      }),
    });
  }
}
