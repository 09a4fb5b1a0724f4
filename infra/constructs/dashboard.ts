import { Duration, Stack } from 'aws-cdk-lib';
import {
  Dashboard as CloudWatchDashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  PeriodOverride,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRIC_DIMENSIONS, METRIC_NAMES } from '../../functions/evaluator/evaluation-metrics.ts';
import { METRICS_NAMESPACE } from '../function-environment.ts';
import {
  HEALTH_PERIOD,
  iteratorAgeMetric,
  type PipelineHealthSources,
  queueDepthMetric,
} from './pipeline-health.ts';

/** Burn-rate thresholds of the SRE Workbook's multiwindow alerts (ch. 5, table 5-8), drawn as guides. */
const BURN_RATE_GUIDES = [
  { value: 14.4, label: 'page: 2% of budget in 1h' },
  { value: 6, label: 'page: 5% of budget in 6h' },
  { value: 1, label: 'budget spent exactly at period end' },
] as const;

export interface DashboardProps {
  /** Monitor names from the configuration; each gets its own section. */
  readonly monitors: readonly string[];
  /** What the pipeline-health section shows. */
  readonly health: PipelineHealthSources;
  /** @default Duration.minutes(1) - the evaluation period */
  readonly period?: Duration;
}

/**
 * One CloudWatch dashboard: a section per monitor (decision quality, task completion, burn rates per window,
 * error budget remaining, drift score per feature) and a pipeline-health section (ingest 4xx / 5xx and
 * latency, stream iterator age, function errors and duration, failure-queue depth).
 *
 * Burn rates and drift scores are drawn with CloudWatch SEARCH expressions, so every window and feature the
 * evaluator publishes appears without the dashboard having to list them (features differ per monitor and
 * may change without a redeploy of the dashboard).
 */
export class Dashboard extends Construct {
  readonly dashboard: CloudWatchDashboard;
  /** Console link, for alert messages and stack outputs. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const period = props.period ?? HEALTH_PERIOD;

    this.dashboard = new CloudWatchDashboard(this, 'Dashboard', {
      periodOverride: PeriodOverride.AUTO,
      defaultInterval: Duration.hours(6),
    });
    for (const monitor of props.monitors) {
      this.dashboard.addWidgets(...monitorWidgets(monitor, period));
    }
    this.dashboard.addWidgets(...healthWidgets(props.health));

    const region = Stack.of(this).region;
    this.url = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${this.dashboard.dashboardName}`;
  }
}

function evaluationMetric(monitor: string, metricName: string, statistic: string, period: Duration): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { [METRIC_DIMENSIONS.monitor]: monitor },
    statistic,
    period,
    label: metricName,
  });
}

/** Every series of `metricName` for one monitor, split by `dimension`. */
function searchByDimension(
  monitor: string,
  metricName: string,
  dimension: string,
  period: Duration,
  label: string,
): MathExpression {
  return new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${METRIC_DIMENSIONS.monitor},${dimension}} MetricName="${metricName}" ${METRIC_DIMENSIONS.monitor}="${monitor}"', 'Maximum', ${period.toSeconds()})`,
    label,
    period,
    usingMetrics: {},
  });
}

function monitorWidgets(monitor: string, period: Duration): (TextWidget | GraphWidget)[] {
  const graph = (
    title: string,
    left: IMetric[],
    extra: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {},
  ) => new GraphWidget({ title: `${monitor} · ${title}`, left, width: 8, height: 6, ...extra });
  const ratioAxis = { min: 0, max: 1, showUnits: false };
  return [
    new TextWidget({ markdown: `## Monitor \`${monitor}\``, width: 24, height: 1 }),
    graph(
      'decision quality',
      [
        evaluationMetric(monitor, METRIC_NAMES.f1, 'Average', period),
        evaluationMetric(monitor, METRIC_NAMES.precision, 'Average', period),
        evaluationMetric(monitor, METRIC_NAMES.recall, 'Average', period),
      ],
      { leftYAxis: ratioAxis },
    ),
    graph(
      'task completion rate',
      [evaluationMetric(monitor, METRIC_NAMES.completionRate, 'Average', period)],
      {
        leftYAxis: ratioAxis,
      },
    ),
    graph(
      'error budget remaining',
      [evaluationMetric(monitor, METRIC_NAMES.budgetRemaining, 'Minimum', period)],
      { leftYAxis: { max: 1, showUnits: false } },
    ),
    new GraphWidget({
      title: `${monitor} · burn rate by window`,
      left: [searchByDimension(monitor, METRIC_NAMES.burnRate, METRIC_DIMENSIONS.window, period, 'window')],
      leftAnnotations: BURN_RATE_GUIDES.map((guide) => ({ ...guide })),
      leftYAxis: { min: 0, showUnits: false },
      width: 12,
      height: 6,
    }),
    new GraphWidget({
      title: `${monitor} · drift score by feature`,
      left: [
        searchByDimension(monitor, METRIC_NAMES.driftScore, METRIC_DIMENSIONS.feature, period, 'feature'),
      ],
      leftYAxis: { min: 0, showUnits: false },
      width: 12,
      height: 6,
    }),
  ];
}

function healthWidgets(health: PipelineHealthSources): (TextWidget | GraphWidget)[] {
  const api = health.ingestApi;
  const sum = { statistic: 'Sum', period: HEALTH_PERIOD };
  return [
    new TextWidget({ markdown: '## Pipeline health', width: 24, height: 1 }),
    new GraphWidget({
      title: 'ingest · requests and errors',
      left: [
        api.metricCount({ ...sum, label: 'requests' }),
        api.metricClientError({ ...sum, label: '4xx' }),
        api.metricServerError({ ...sum, label: '5xx' }),
      ],
      width: 8,
      height: 6,
    }),
    new GraphWidget({
      title: 'ingest · latency',
      left: [
        api.metricLatency({ statistic: 'p50', period: HEALTH_PERIOD, label: 'p50' }),
        api.metricLatency({ statistic: 'p99', period: HEALTH_PERIOD, label: 'p99' }),
      ],
      width: 8,
      height: 6,
    }),
    new GraphWidget({
      title: 'aggregate · stream iterator age (ms)',
      left: [iteratorAgeMetric(health.streamConsumer).with({ label: 'iterator age, max' })],
      width: 8,
      height: 6,
    }),
    new GraphWidget({
      title: 'functions · errors',
      left: health.functions.map((watched) => watched.function.metricErrors({ ...sum, label: watched.name })),
      width: 8,
      height: 6,
    }),
    new GraphWidget({
      title: 'functions · duration p99 (ms)',
      left: health.functions.map((watched) =>
        watched.function.metricDuration({ statistic: 'p99', period: HEALTH_PERIOD, label: watched.name }),
      ),
      width: 8,
      height: 6,
    }),
    new GraphWidget({
      title: 'failure queues · messages waiting',
      left: health.failureQueues.map((watched) =>
        queueDepthMetric(watched.queue).with({ label: watched.name }),
      ),
      width: 8,
      height: 6,
    }),
  ];
}
