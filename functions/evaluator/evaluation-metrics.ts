import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { PipelineEvaluation } from '../domain/evaluation/evaluation-types.ts';
import { headlineQuality } from '../domain/evaluation/headline-quality.ts';
import { headlineWindow } from './headline-window.ts';

/**
 * Metric names the evaluator publishes (EMF, namespace `Driftwatch`, METRICS_NAMESPACE), defined once: the
 * dashboard (infra/constructs/dashboard.ts) draws these same names.
 */
export const METRIC_NAMES = {
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  completionRate: 'CompletionRate',
  /** With the extra dimension `window` (e.g. 5m, 1h, 6h, 3d). */
  burnRate: 'BurnRate',
  budgetRemaining: 'BudgetRemaining',
  /** With the extra dimension `feature`. */
  driftScore: 'DriftScore',
} as const;

/** The dimensions of those metrics; the dashboard searches these exact dimension sets. */
export const METRIC_DIMENSIONS = { monitor: 'monitor', window: 'window', feature: 'feature' } as const;

/** The part of Powertools' Metrics the evaluator uses (injectable for tests). */
export type MetricsPort = Pick<
  Metrics,
  'addDimension' | 'addDimensions' | 'addMetric' | 'publishStoredMetrics'
>;

/**
 * Publishes one evaluation as CloudWatch EMF documents with Powertools Metrics. Dimension sets are exactly
 * those the dashboard searches (a metric is found only under its exact set of dimensions):
 * - {monitor}: Precision, Recall, F1 (of the positive label, macro-averaged without one) and CompletionRate,
 *   all of the headline window (headline-window.ts: the shortest window of at least 1 h);
 * - {monitor, window}: BurnRate, one value per SLO having that window (the dashboard plots the maximum);
 * - {monitor} and {monitor, slo}: BudgetRemaining (share of the period's budget left; negative when overspent;
 *   the dashboard plots the minimum over SLOs);
 * - {monitor, feature}: DriftScore = statistic / threshold, so 1 is the drift threshold whatever the method.
 * Undefined numbers (no labels, no events) are not published rather than published as 0. No feature values.
 *
 * Complexity: O(SLOs × rules + features); one EMF document per monitor, window, SLO and feature.
 */
export function publishEvaluationMetrics(metrics: MetricsPort, evaluation: PipelineEvaluation): void {
  const monitor = evaluation.monitor;
  const headline = headlineWindow(evaluation);
  if (headline) {
    const q = headlineQuality(headline.quality);
    const values: [string, number | null][] = [
      [METRIC_NAMES.precision, q.precision],
      [METRIC_NAMES.recall, q.recall],
      [METRIC_NAMES.f1, q.f1],
      [METRIC_NAMES.completionRate, headline.tasks.completion.ratio],
    ];
    if (values.some(([, v]) => v !== null)) {
      metrics.addDimension(METRIC_DIMENSIONS.monitor, monitor);
      for (const [name, value] of values) if (value !== null) metrics.addMetric(name, 'None', value);
      metrics.publishStoredMetrics();
    }
  }

  const burnByWindow = new Map<string, number[]>();
  const add = (window: string, rate: number | null) => {
    if (rate === null) return;
    const list = burnByWindow.get(window) ?? [];
    list.push(rate);
    burnByWindow.set(window, list);
  };
  for (const slo of evaluation.slos) {
    const seen = new Set<string>();
    for (const r of slo.burnRates) {
      if (!seen.has(r.longWindow)) add(r.longWindow, r.longBurnRate);
      seen.add(r.longWindow);
      if (!seen.has(r.shortWindow)) add(r.shortWindow, r.shortBurnRate);
      seen.add(r.shortWindow);
    }
  }
  for (const [window, rates] of burnByWindow) {
    metrics.addDimension(METRIC_DIMENSIONS.monitor, monitor);
    metrics.addDimension(METRIC_DIMENSIONS.window, window);
    for (const rate of rates) metrics.addMetric(METRIC_NAMES.burnRate, 'None', rate);
    metrics.publishStoredMetrics();
  }

  for (const slo of evaluation.slos) {
    if (!slo.budget) continue;
    // Two dimension sets in one document: Powertools' addDimensions adds a set each call.
    metrics.addDimensions({ monitor, slo: slo.name });
    metrics.addDimensions({ monitor });
    metrics.addMetric(METRIC_NAMES.budgetRemaining, 'None', slo.budget.remaining);
    metrics.publishStoredMetrics();
  }

  for (const f of evaluation.drift?.features ?? []) {
    if (f.statistic === null || !(f.threshold > 0)) continue;
    metrics.addDimension(METRIC_DIMENSIONS.monitor, monitor);
    metrics.addDimension(METRIC_DIMENSIONS.feature, f.feature);
    metrics.addMetric(METRIC_NAMES.driftScore, 'None', f.statistic / f.threshold);
    metrics.publishStoredMetrics();
  }
}
