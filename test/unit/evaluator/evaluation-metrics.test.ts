import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, test } from 'vitest';
import { publishEvaluationMetrics } from '../../../functions/evaluator/evaluation-metrics.ts';
import { knownEvaluation } from './fixtures.ts';

interface EmfDocument {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

/** A real Powertools Metrics whose flushes are captured as EMF documents instead of printed. */
function capturingMetrics(): { metrics: Metrics; documents: EmfDocument[] } {
  const metrics = new Metrics({ namespace: 'Driftwatch', serviceName: 'driftwatch-evaluate' });
  metrics.clearDefaultDimensions();
  const documents: EmfDocument[] = [];
  metrics.publishStoredMetrics = () => {
    documents.push(metrics.serializeMetrics() as unknown as EmfDocument);
    metrics.clearMetrics();
    metrics.clearDimensions();
    return metrics;
  };
  return { metrics, documents };
}

/**
 * Each published value as `name{dim=value,…}` → value(s), one entry per dimension set; a key published by
 * several documents collects their values in order.
 */
function flatten(documents: readonly EmfDocument[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const doc of documents) {
    const cw = doc._aws.CloudWatchMetrics[0];
    for (const m of cw?.Metrics ?? []) {
      for (const dims of cw?.Dimensions ?? []) {
        const key = `${m.Name}{${dims.map((d) => `${d}=${String(doc[d])}`).join(',')}}`;
        out[key] = key in out ? [out[key], doc[m.Name]].flat() : doc[m.Name];
      }
    }
  }
  return out;
}

describe('Function: publishEvaluationMetrics', () => {
  test('It publishes quality, completion, burn rates, budgets and drift scores under the dashboard’s dimension sets.', () => {
    // Prepare
    const { metrics, documents } = capturingMetrics();
    const evaluation = knownEvaluation();

    // Act
    publishEvaluationMetrics(metrics, evaluation);
    const flat = flatten(documents);

    // Assess: every document is in the Driftwatch namespace, without a service dimension.
    for (const d of documents) expect(d._aws.CloudWatchMetrics[0]?.Namespace).toBe('Driftwatch');
    expect(Object.keys(flat).some((k) => k.includes('service'))).toBe(false);
    expect(flat['Precision{monitor=triage}']).toBeCloseTo(0.75, 12);
    expect(flat['Recall{monitor=triage}']).toBeCloseTo(2 / 3, 12);
    expect(flat['F1{monitor=triage}']).toBeCloseTo(12 / 17, 12);
    expect(flat['CompletionRate{monitor=triage}']).toBeCloseTo(0.8, 12);
    // 1h window, recall SLO (3 of 9 escalations missed, budget 5 %) and completion SLO (2 of 10, budget 1 %).
    expect(flat['BurnRate{monitor=triage,window=1h}']).toEqual([
      expect.closeTo(20 / 3, 12),
      expect.closeTo(20, 12),
    ]);
    expect(flat['BudgetRemaining{monitor=triage,slo=escalation-recall}']).toBeCloseTo(1 - 20 / 3, 12);
    expect(flat['BudgetRemaining{monitor=triage}']).toEqual([
      expect.closeTo(1 - 20 / 3, 12),
      expect.closeTo(-19, 12),
    ]);
    expect(flat['BudgetRemaining{monitor=triage,slo=completion}']).toBeCloseTo(-19, 12);
    const amount = evaluation.drift?.features.find((f) => f.feature === 'amount');
    expect(flat['DriftScore{monitor=triage,feature=amount}']).toBeCloseTo((amount?.statistic ?? 0) / 0.1, 12);
    expect(flat['DriftScore{monitor=triage,feature=amount}']).toBeGreaterThan(1);
    expect(flat).toHaveProperty(['DriftScore{monitor=triage,feature=channel}']);
  });

  test('Numbers that are undefined for lack of data are not published.', () => {
    // Prepare
    const { metrics, documents } = capturingMetrics();
    const empty = { ...knownEvaluation(), windows: [], slos: [], drift: null };

    // Act
    publishEvaluationMetrics(metrics, empty);

    // Assess
    expect(documents).toEqual([]);
  });
});
