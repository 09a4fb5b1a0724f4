import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FUNCTION_ENVIRONMENT, METRICS_NAMESPACE } from '../../infra/function-environment.ts';
import type { MonitorConfig } from '../domain/config/config-types.ts';
import { type EvaluationRunSummary, evaluateMonitors } from '../evaluator/evaluate-monitors.ts';
import type { MetricsPort } from '../evaluator/evaluation-metrics.ts';
import { createSnsPublisher } from '../notify/sns-publisher.ts';
import type { StoreLogger } from '../store/logger.ts';
import { configFromEnv } from './config-from-env.ts';
import { requiredEnv } from './env.ts';
import { scheduledTimeOf } from './scheduled-time.ts';

/**
 * EventBridge Scheduler → evaluate every monitor "as of" the event's `time` (the schedule's nominal time, so a
 * late or retried delivery evaluates the same instant and runs are replayable). Thin: parse the event, hand it
 * to the evaluator service (functions/evaluator), return its summary. A run in which any monitor failed ends
 * in an error after the others were evaluated.
 */

/** The event is not a scheduled invocation the evaluator can run. */
export class ScheduledEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduledEventError';
  }
}

/**
 * The evaluation time of a scheduled event (infra/schedule-payload.ts): its `time`, in epoch ms, and
 * Scheduler's execution id. Checked by hand rather than with a schema library, to keep the bundle small.
 * @throws {ScheduledEventError} naming what is wrong.
 */
export function evaluationTimeOf(event: unknown): { asOf: number; executionId?: string } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ScheduledEventError('not a scheduled evaluation event: expected an object with a time');
  }
  const { time, id } = event as { time?: unknown; id?: unknown };
  const asOf = scheduledTimeOf(time);
  if (asOf === undefined) {
    throw new ScheduledEventError(
      `not a scheduled evaluation event: time must be an ISO-8601 date-time with a zone (got ${JSON.stringify(time)})`,
    );
  }
  return { asOf, ...(typeof id === 'string' && id !== '' ? { executionId: id } : {}) };
}

export type EvaluateHandler = (event: unknown) => Promise<EvaluationRunSummary>;

export interface EvaluateHandlerOptions {
  readonly dynamo: DynamoDBDocumentClient;
  readonly sns: SNSClient;
  readonly config: MonitorConfig;
  /** The State table. */
  readonly tableName: string;
  readonly alertsTopicArn: string;
  /** Wall clock. @default Date.now */
  readonly now?: () => number;
  /** @default a Powertools Logger (service `driftwatch-evaluate`) */
  readonly logger?: StoreLogger;
  /** @default none (the Lambda entry point passes Powertools Metrics) */
  readonly metrics?: MetricsPort;
  /** @default 8 */
  readonly concurrency?: number;
  /** Strongly consistent bucket reads (tests). @default false */
  readonly consistentRead?: boolean;
}

/** Builds the handler around injected clients and configuration (tests, the local stack). */
export function createEvaluateHandler(options: EvaluateHandlerOptions): EvaluateHandler {
  const logger: StoreLogger = options.logger ?? new Logger({ serviceName: 'driftwatch-evaluate' });
  const publisher = createSnsPublisher(options.sns, options.alertsTopicArn);
  const now = options.now ?? Date.now;
  return async (event) => {
    const { asOf, executionId } = evaluationTimeOf(event);
    return evaluateMonitors(
      {
        client: options.dynamo,
        tableName: options.tableName,
        publisher,
        logger,
        now,
        // Scheduler's execution id is unique per attempt; the UUID keeps manual invocations apart too.
        runId: `${executionId ?? 'run'}/${randomUUID()}`,
        ...(options.metrics ? { metrics: options.metrics } : {}),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(options.consistentRead ? { consistentRead: true } : {}),
      },
      options.config,
      asOf,
    );
  };
}

/** What the Lambda returns: counts per monitor, not the evaluations (they stay in the logs and snapshots). */
export interface CompactRunSummary {
  readonly asOf: string;
  readonly monitors: readonly {
    readonly monitor: string;
    readonly ok: boolean;
    readonly itemsRead?: number;
    readonly alertsFiring?: number;
    readonly published?: number;
    readonly pendingNotifications?: number;
  }[];
}

/** The summary without the evaluations, small enough for any invocation response. O(monitors). */
export function compactSummary(summary: EvaluationRunSummary): CompactRunSummary {
  return {
    asOf: summary.asOf,
    monitors: summary.monitors.map((m) =>
      m.ok
        ? {
            monitor: m.monitor,
            ok: true,
            itemsRead: m.itemsRead.total,
            alertsFiring: m.alerts.firing,
            published: m.alerts.published.length,
            pendingNotifications: m.alerts.pending,
          }
        : { monitor: m.monitor, ok: false },
    ),
  };
}

let fromEnv: EvaluateHandler | undefined;
let metrics: Metrics | undefined;

/**
 * The Lambda entry point, configured from the environment (STATE_TABLE_NAME, ALERTS_TOPIC_ARN, the
 * configuration). Clients, logger and metrics are created once per container.
 */
export const handler = async (event: unknown): Promise<CompactRunSummary> => {
  fromEnv ??= (() => {
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'driftwatch-evaluate' });
    // The dashboard searches the exact dimension sets {monitor}, {monitor, window}, {monitor, feature}: no
    // `service` dimension on top.
    metrics.clearDefaultDimensions();
    return createEvaluateHandler({
      dynamo,
      sns: new SNSClient({}),
      config: configFromEnv(),
      tableName: requiredEnv(FUNCTION_ENVIRONMENT.stateTableName),
      alertsTopicArn: requiredEnv(FUNCTION_ENVIRONMENT.alertsTopicArn),
      metrics,
    });
  })();
  return compactSummary(await fromEnv(event));
};
