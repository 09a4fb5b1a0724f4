import type {
  BurnRateEvaluation,
  DriftEvaluation,
  MonitorEvaluation,
  SloEvaluation,
} from '../../../functions/domain/evaluation/evaluation-types.ts';
import type { DriftStatus, FeatureDriftResult } from '../../../functions/domain/evaluation/feature-drift.ts';
import type { RuleStatus } from '../../../functions/domain/slo/multiwindow-alert.ts';

/** Hand-made evaluation parts for the alert tests: only what alerts read is meaningful. */

export function rule(
  severity: 'page' | 'ticket',
  status: RuleStatus,
  windows: readonly [string, string] = severity === 'page' ? ['1h', '5m'] : ['1d', '2h'],
): BurnRateEvaluation {
  return {
    severity,
    factor: severity === 'page' ? 14.4 : 3,
    longWindow: windows[0],
    shortWindow: windows[1],
    long: { good: 980, total: 1000 },
    short: { good: 95, total: 100 },
    longBurnRate: 20,
    shortBurnRate: 50,
    status,
  };
}

export function slo(name: string, burnRates: readonly BurnRateEvaluation[]): SloEvaluation {
  const firing = burnRates.some((r) => r.status === 'firing' && r.severity === 'page')
    ? 'page'
    : burnRates.some((r) => r.status === 'firing')
      ? 'ticket'
      : null;
  return {
    name,
    sli: 'completion',
    objective: 0.999,
    period: '30d',
    periodCounts: { good: 99_800, total: 100_000 },
    ratio: 0.998,
    budget: { errorRatio: 0.002, errorBudget: 0.001, allowedBad: 100, bad: 200, consumed: 2, remaining: -1 },
    burnRates,
    firing,
  };
}

export function feature(
  name: string,
  status: DriftStatus,
  statistic: number | null = 0.3,
): FeatureDriftResult {
  return {
    feature: name,
    kind: 'numeric',
    method: 'wasserstein',
    status,
    statistic,
    threshold: 0.1,
    pValue: null,
    adjustedPValue: null,
    referenceSize: 10_080,
    currentSize: 1_440,
    referenceMissingShare: 0,
    currentMissingShare: 0,
    approximate: true,
    detail: 'normalised Wasserstein distance of the binned values',
  };
}

export function drift(features: readonly FeatureDriftResult[]): DriftEvaluation {
  return {
    baseline: { from: '2026-11-12T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z' },
    window: { from: '2026-11-19T11:00:00.000Z', to: '2026-11-20T10:07:00.000Z' },
    features,
    share: { drifted: 0, total: features.length, share: 0 },
  };
}

export function evaluation(parts: Partial<MonitorEvaluation> = {}): MonitorEvaluation {
  return {
    monitor: 'support-bot',
    asOf: '2026-11-20T10:07:00.000Z',
    windows: [],
    slos: [],
    drift: null,
    ...parts,
  };
}
