import { describe, expect, test } from 'vitest';
import { METRIC_NAMES } from '../../functions/evaluator/evaluation-metrics.ts';
import { dashboardBody, synthDriftwatch, TWO_MONITORS } from './synth.ts';

describe('Construct: Dashboard', () => {
  test.each(TWO_MONITORS)('the configured monitor %s has its own section', (monitor) => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const body = dashboardBody(template);

    // Assess
    expect(body).toContain(`## Monitor \`${monitor}\``);
  });

  test.each(
    TWO_MONITORS.flatMap((monitor) =>
      [
        METRIC_NAMES.f1,
        METRIC_NAMES.precision,
        METRIC_NAMES.recall,
        METRIC_NAMES.completionRate,
        METRIC_NAMES.budgetRemaining,
      ].map((metric) => [monitor, metric] as const),
    ),
  )('the section of %s graphs %s with its monitor dimension', (monitor, metric) => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const body = dashboardBody(template);

    // Assess
    expect(body).toContain(`["Driftwatch","${metric}","monitor","${monitor}"`);
  });

  test.each(
    TWO_MONITORS.flatMap((monitor) => [
      [monitor, METRIC_NAMES.burnRate, 'window'] as const,
      [monitor, METRIC_NAMES.driftScore, 'feature'] as const,
    ]),
  )('the section of %s searches every %s series by %s', (monitor, metric, dimension) => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const body = dashboardBody(template);

    // Assess
    expect(body).toContain(
      `SEARCH('{Driftwatch,monitor,${dimension}} MetricName=\\"${metric}\\" monitor=\\"${monitor}\\"'`,
    );
  });

  test('a monitor that is not configured gets no section', () => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const body = dashboardBody(template);

    // Assess
    expect(body).not.toContain('fraud-screening');
  });

  test.each([
    ['ingest 4xx', '"AWS/ApiGateway","4xx"'],
    ['ingest 5xx', '"AWS/ApiGateway","5xx"'],
    ['stream iterator age', '"AWS/Lambda","IteratorAge"'],
    ['function errors', '"AWS/Lambda","Errors"'],
    ['function duration', '"AWS/Lambda","Duration"'],
    ['failure-queue depth', '"AWS/SQS","ApproximateNumberOfMessagesVisible"'],
  ])('the pipeline-health section shows %s', (_what, metric) => {
    // Prepare
    const { template } = synthDriftwatch();

    // Act
    const body = dashboardBody(template);

    // Assess
    expect(body).toContain(metric);
  });
});
