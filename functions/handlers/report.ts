import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FUNCTION_ENVIRONMENT } from '../../infra/function-environment.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { type IsoWeek, parseIsoWeek, previousIsoWeek } from '../report/iso-week.ts';
import { runWeeklyReport, type WeeklyReportRun } from '../reporter/weekly-report-service.ts';
import type { StoreLogger } from '../store/logger.ts';
import { configFromEnv } from './config-from-env.ts';
import { requiredEnv } from './env.ts';
import { scheduledTimeOf } from './scheduled-time.ts';

/**
 * EventBridge Scheduler (weekly, Monday 06:00 UTC) → the report of the last full ISO week before the event's
 * `time`, stored in the report bucket and announced on the reports topic. `time` is the schedule's nominal
 * time, so a retried delivery reports the same week. A manual run may name the week: `{"detail":{"week":
 * "2026-W47"}}` (with or without `time`). Thin: parse the event, run the reporter service, return its result.
 */

/** The event names no week to report on. */
export class ReportEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportEventError';
  }
}

/**
 * The week a report event asks for and the report's instant: `detail.week` when given, else the last full
 * week before `time`; the instant is `time`, or the end of the week for a manual run without one.
 *
 * @throws {ReportEventError} when the event has neither, or a malformed one.
 * Complexity: O(1).
 * @example reportRequestOf({ time: '2026-11-23T06:00:00Z' }).week.name // '2026-W47'
 */
export function reportRequestOf(event: unknown): { week: IsoWeek; asOf: number } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ReportEventError('not a report event: expected an object with a time or a detail.week');
  }
  const { time: rawTime, detail } = event as { time?: unknown; detail?: unknown };
  const time = rawTime === undefined ? undefined : scheduledTimeOf(rawTime);
  if (rawTime !== undefined && time === undefined) {
    throw new ReportEventError(
      `not a report event: time must be an ISO-8601 date-time with a zone (got ${JSON.stringify(rawTime)})`,
    );
  }
  const named = weekNamedIn(detail);
  if (named !== undefined) {
    let week: IsoWeek;
    try {
      week = parseIsoWeek(named);
    } catch (error) {
      throw new ReportEventError(`detail.week: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { week, asOf: Math.max(week.to, time ?? week.to) };
  }
  if (time === undefined) throw new ReportEventError('a report event needs `time` or `detail.week`');
  return { week: previousIsoWeek(time), asOf: time };
}

/** `detail.week` of a manual run, when there is one. @throws {ReportEventError} when it is not a string. */
function weekNamedIn(detail: unknown): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  if (typeof detail !== 'object' || Array.isArray(detail)) {
    throw new ReportEventError('not a report event: detail must be an object');
  }
  const week = (detail as { week?: unknown }).week;
  if (week === undefined || typeof week === 'string') return week;
  throw new ReportEventError(
    `not a report event: detail.week must be a string like "2026-W47" (got ${JSON.stringify(week)})`,
  );
}

export type ReportHandler = (event: unknown) => Promise<WeeklyReportRun>;

export interface ReportHandlerOptions {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly dynamo: DynamoDBDocumentClient;
  readonly config: MonitorConfig;
  /** The State table (counter buckets, alert history). */
  readonly stateTableName: string;
  readonly bucketName: string;
  readonly topicArn: string;
  /** For console links in the announcement. @default the S3 client's region */
  readonly region?: string;
  /** @default a Powertools Logger (service `driftwatch-report`) */
  readonly logger?: StoreLogger;
  /** Strongly consistent reads (tests read their own writes). @default false */
  readonly consistentRead?: boolean;
}

/**
 * Builds the handler around injected clients and configuration (tests, the local stack, the CLI).
 * @example await createReportHandler({ s3, sns, dynamo, config, stateTableName, bucketName, topicArn })(scheduledEvent)
 */
export function createReportHandler(options: ReportHandlerOptions): ReportHandler {
  const logger: StoreLogger = options.logger ?? new Logger({ serviceName: 'driftwatch-report' });
  return async (event) => {
    const { week, asOf } = reportRequestOf(event);
    const region = options.region ?? (await options.s3.config.region());
    return runWeeklyReport(
      {
        state: {
          client: options.dynamo,
          tableName: options.stateTableName,
          ...(options.consistentRead ? { consistentRead: true } : {}),
        },
        s3: options.s3,
        sns: options.sns,
        bucketName: options.bucketName,
        topicArn: options.topicArn,
        config: options.config,
        region,
        logger,
      },
      week,
      asOf,
    );
  };
}

let fromEnv: ReportHandler | undefined;

/**
 * The Lambda entry point, configured from the environment (STATE_TABLE_NAME, REPORT_BUCKET_NAME,
 * REPORTS_TOPIC_ARN and the configuration). Clients are created once per container.
 */
export const handler: ReportHandler = async (event) => {
  fromEnv ??= createReportHandler({
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    s3: new S3Client({}),
    sns: new SNSClient({}),
    config: configFromEnv(),
    stateTableName: requiredEnv(FUNCTION_ENVIRONMENT.stateTableName),
    bucketName: requiredEnv(FUNCTION_ENVIRONMENT.reportBucketName),
    topicArn: requiredEnv(FUNCTION_ENVIRONMENT.reportsTopicArn),
  });
  return fromEnv(event);
};
