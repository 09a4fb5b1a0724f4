/**
 * What the evaluate and report functions receive from EventBridge Scheduler. Scheduler sends a target only
 * the input it is given, so the schedules send this, shaped like an EventBridge "Scheduled Event" (the type
 * `ScheduledEvent` of @types/aws-lambda describes it), with Scheduler's context attributes filled in at
 * invocation time. `time` is the schedule's nominal time, not the delivery time: an evaluation is "as of"
 * `time`, so a retried or late delivery evaluates the same instant.
 *
 * No CDK imports: handlers and test fixtures may import this file.
 */
export interface ScheduledInvocationEvent {
  readonly version: '0';
  /** Scheduler's execution id, unique per attempted invocation. */
  readonly id: string;
  readonly 'detail-type': 'Scheduled Event';
  readonly source: 'aws.scheduler';
  readonly account: string;
  readonly region: string;
  /** The scheduled time, ISO-8601 UTC, e.g. 2026-11-23T06:00:00Z. */
  readonly time: string;
  /** The schedule's ARN. */
  readonly resources: readonly string[];
  readonly detail: {
    /** `evaluate` or `report`. */
    readonly job: ScheduledJob;
    /** 1 for the first attempt; Scheduler fills it in as text. */
    readonly attemptNumber: string;
  };
}

export type ScheduledJob = 'evaluate' | 'report';

/** Scheduler's context attribute placeholders (the same strings `ContextAttribute` of aws-scheduler yields). */
const CONTEXT = {
  scheduleArn: '<aws.scheduler.schedule-arn>',
  scheduledTime: '<aws.scheduler.scheduled-time>',
  executionId: '<aws.scheduler.execution-id>',
  attemptNumber: '<aws.scheduler.attempt-number>',
} as const;

/**
 * The input template a schedule sends; Scheduler replaces the `<aws.scheduler.…>` placeholders.
 * @example scheduledInvocationTemplate('evaluate', '123456789012', 'eu-west-1').time // '<aws.scheduler.scheduled-time>'
 */
export function scheduledInvocationTemplate(
  job: ScheduledJob,
  account: string,
  region: string,
): ScheduledInvocationEvent {
  return {
    version: '0',
    id: CONTEXT.executionId,
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account,
    region,
    time: CONTEXT.scheduledTime,
    resources: [CONTEXT.scheduleArn],
    detail: { job, attemptNumber: CONTEXT.attemptNumber },
  };
}
