import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  HEALTH_PERIOD,
  iteratorAgeMetric,
  type PipelineHealthSources,
  queueDepthMetric,
} from './pipeline-health.ts';

/**
 * Thresholds of the pipeline-health alarms. Each is chosen so that a real fault pages within a few minutes
 * (the design pages an SLO breach within two one-minute evaluation periods, which needs a working pipeline)
 * while single transient failures, which the pipeline retries on its own, do not.
 */
export const PIPELINE_ALARM_THRESHOLDS = {
  /** Server errors returned to producers in 5 minutes: events are being refused. */
  ingestServerErrors: 5,
  /**
   * Oldest unread stream record, ms. The aggregator normally lags by its 30 s batching window; 2 minutes for
   * 3 minutes running means counters are stale by more than two evaluation periods.
   */
  streamIteratorAgeMs: 120_000,
  /** Default for continuously running functions: errors in this many consecutive minutes page. */
  functionErrorMinutes: 3,
  /** A run using more than this share of its timeout is about to time out. */
  durationShareOfTimeout: 0.8,
  /** Schedule periods without a single invocation of the evaluator: it stopped, nothing can page. */
  heartbeatMissingPeriods: 3,
  /** Messages in a failure queue: every one is work that failed for good and needs a person. */
  failureQueueMessages: 1,
} as const;

export interface PipelineAlarmsProps {
  readonly health: PipelineHealthSources;
  /** Alarm and recovery notifications go here (the operations topic). */
  readonly topic: ITopic;
}

/**
 * CloudWatch alarms on the pipeline itself, notifying the operations topic when they fire and when they
 * recover: ingest 5xx, stream iterator age, function errors and near-timeouts, failure-queue depth, and a
 * heartbeat on the evaluator (no invocations means no alerts can fire at all).
 */
export class PipelineAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const t = PIPELINE_ALARM_THRESHOLDS;
    const add = (alarmId: string, description: string, metric: IMetric, options: AlarmShape): void => {
      const alarm = new Alarm(this, alarmId, {
        alarmDescription: `driftwatch: ${description}`,
        metric,
        threshold: options.threshold,
        comparisonOperator:
          options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    const { health } = props;
    add(
      'IngestServerErrors',
      `ingest returned ≥ ${t.ingestServerErrors} server errors (5xx) in 5 minutes; producers' events are being refused`,
      health.ingestApi.metricServerError({ statistic: 'Sum', period: Duration.minutes(5) }),
      { threshold: t.ingestServerErrors },
    );
    add(
      'StreamIteratorAge',
      `the aggregator is more than ${t.streamIteratorAgeMs / 1000} s behind the Events stream; counters and alerts are stale`,
      iteratorAgeMetric(health.streamConsumer),
      { threshold: t.streamIteratorAgeMs, evaluationPeriods: 3 },
    );
    for (const watched of health.functions) {
      const name = pascal(watched.name);
      const errors = watched.errorAlarm ?? {
        period: HEALTH_PERIOD,
        threshold: 1,
        evaluationPeriods: t.functionErrorMinutes,
      };
      add(
        `${name}Errors`,
        `the ${watched.name} function had ≥ ${errors.threshold} errors per ${errors.period.toMinutes()} min in ${errors.evaluationPeriods} consecutive periods`,
        watched.function.metricErrors({ statistic: 'Sum', period: errors.period }),
        { threshold: errors.threshold, evaluationPeriods: errors.evaluationPeriods },
      );
      const limitMs = Math.round(watched.timeout.toMilliseconds() * t.durationShareOfTimeout);
      add(
        `${name}NearTimeout`,
        `a ${watched.name} run took more than ${limitMs} ms, ${t.durationShareOfTimeout * 100}% of its timeout`,
        watched.function.metricDuration({ statistic: 'Maximum', period: HEALTH_PERIOD }),
        { threshold: limitMs, comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD },
      );
    }
    for (const watched of health.failureQueues) {
      add(
        `${pascal(watched.name)}Waiting`,
        `${watched.name}: work that failed for good is waiting in its failure queue`,
        queueDepthMetric(watched.queue),
        { threshold: t.failureQueueMessages },
      );
    }
    if (health.heartbeat !== undefined) {
      const { watched, every } = health.heartbeat;
      const periods = t.heartbeatMissingPeriods;
      add(
        `${pascal(watched.name)}Heartbeat`,
        `the ${watched.name} function was not invoked for ${periods} × ${every.toHumanString()}; no alert can fire`,
        watched.function.metricInvocations({ statistic: 'Sum', period: every }),
        {
          threshold: 1,
          comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: periods,
          // No data is exactly the failure this alarm exists for.
          treatMissingData: TreatMissingData.BREACHING,
        },
      );
    }
  }
}

interface AlarmShape {
  readonly threshold: number;
  readonly comparisonOperator?: ComparisonOperator;
  readonly evaluationPeriods?: number;
  readonly treatMissingData?: TreatMissingData;
}

/** `failed-batches` → `FailedBatches`, for construct ids. */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
