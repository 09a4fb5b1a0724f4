import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

/** A function whose errors and duration are watched. */
export interface WatchedFunction {
  /** Short name for titles and alarm descriptions, e.g. `evaluate`. */
  readonly name: string;
  readonly function: IFunction;
  /** Its timeout: duration alarms fire when runs get close to it. */
  readonly timeout: Duration;
  /**
   * When its errors page. Functions that run continuously page after failing in consecutive minutes; a
   * weekly job is better judged by whether its run and Lambda's two retries all failed.
   * @default - errors in 3 consecutive 1-minute periods
   */
  readonly errorAlarm?: ErrorAlarmShape;
}

export interface ErrorAlarmShape {
  readonly period: Duration;
  /** Errors (sum over the period) that count as a failing period. */
  readonly threshold: number;
  /** Consecutive failing periods before the alarm fires. */
  readonly evaluationPeriods: number;
}

/** A queue that should stay empty. */
export interface WatchedQueue {
  readonly name: string;
  readonly queue: IQueue;
}

/** The parts of the pipeline whose health the dashboard shows and the alarms watch. */
export interface PipelineHealthSources {
  /** The ingest HTTP API (4xx, 5xx, latency). */
  readonly ingestApi: IHttpApi;
  /** The function consuming the Events stream (iterator age). */
  readonly streamConsumer: IFunction;
  /** Every pipeline function (errors, duration). */
  readonly functions: readonly WatchedFunction[];
  /** Every failure / dead-letter queue (depth). */
  readonly failureQueues: readonly WatchedQueue[];
  /**
   * A function that must be invoked on a fixed schedule; an alarm fires when it stops being invoked.
   * @default - no heartbeat alarm
   */
  readonly heartbeat?: Heartbeat;
}

export interface Heartbeat {
  readonly watched: WatchedFunction;
  /** How often it is invoked (a whole number of minutes). */
  readonly every: Duration;
}

/** One-minute resolution: the design pages within two one-minute evaluation periods. */
export const HEALTH_PERIOD = Duration.minutes(1);

/** Age of the oldest record the aggregator has read, in ms. */
export function iteratorAgeMetric(fn: IFunction): Metric {
  return fn.metric('IteratorAge', { statistic: 'Maximum', period: HEALTH_PERIOD });
}

/** Messages waiting in a failure queue. */
export function queueDepthMetric(queue: IQueue): Metric {
  return queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: HEALTH_PERIOD });
}
