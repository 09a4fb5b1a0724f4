import type { PipelineEvaluation } from '../domain/evaluation/evaluation-types.ts';
import { type HeadlineQuality, headlineQuality } from '../domain/evaluation/headline-quality.ts';
import { headlineWindow } from './headline-window.ts';

/**
 * A compact record of one evaluation, stored for trends (weekly report, local dashboard): per SLO the ratio,
 * budget and burn rates; per window the headline numbers; per variant and task the quality of the headline
 * window; per feature the drift statistic and status. Counters and feature values are left out — about 1 to
 * 3 KB per monitor.
 */
export interface EvaluationSnapshot {
  readonly monitor: string;
  readonly asOf: string;
  readonly headlineWindow: string | null;
  readonly slos: readonly {
    readonly name: string;
    readonly sli: string;
    readonly ratio: number | null;
    readonly good: number;
    readonly total: number;
    readonly budgetConsumed: number | null;
    readonly budgetRemaining: number | null;
    readonly firing: 'page' | 'ticket' | null;
    /** Burn rate per window (both windows of every rule). */
    readonly burnRates: Readonly<Record<string, number | null>>;
  }[];
  readonly windows: readonly {
    readonly window: string;
    readonly decisions: number;
    readonly coverage: number | null;
    readonly quality: HeadlineQuality;
    readonly completion: number | null;
    readonly tasks: number;
    readonly latencyP95Ms: number | null;
  }[];
  readonly variants: Readonly<Record<string, HeadlineQuality>>;
  readonly tasks: Readonly<Record<string, HeadlineQuality & { readonly completion: number | null }>>;
  readonly drift: readonly {
    readonly feature: string;
    readonly method: string;
    readonly statistic: number | null;
    readonly threshold: number;
    readonly status: string;
  }[];
}

/**
 * The snapshot of an evaluation. Pure.
 *
 * Complexity: O(SLOs × rules + windows + variants + tasks + features).
 * @example evaluationSnapshot(evaluation).slos[0]?.budgetRemaining // 0.93
 */
export function evaluationSnapshot(evaluation: PipelineEvaluation): EvaluationSnapshot {
  const headline = headlineWindow(evaluation);
  const variants: Record<string, HeadlineQuality> = {};
  const tasks: Record<string, HeadlineQuality & { completion: number | null }> = {};
  if (headline) {
    for (const [v, q] of Object.entries(headline.qualityByVariant)) variants[v] = headlineQuality(q);
    const names = new Set([...Object.keys(headline.qualityByTask), ...Object.keys(headline.tasksByTask)]);
    for (const t of [...names].sort()) {
      const q = headline.qualityByTask[t];
      tasks[t] = {
        ...(q
          ? headlineQuality(q)
          : { labelled: 0, precision: null, recall: null, f1: null, accuracy: null }),
        completion: headline.tasksByTask[t]?.completion.ratio ?? null,
      };
    }
  }
  return {
    monitor: evaluation.monitor,
    asOf: evaluation.asOf,
    headlineWindow: headline?.window ?? null,
    slos: evaluation.slos.map((slo) => {
      const burnRates: Record<string, number | null> = {};
      for (const r of slo.burnRates) {
        burnRates[r.longWindow] ??= r.longBurnRate;
        burnRates[r.shortWindow] ??= r.shortBurnRate;
      }
      return {
        name: slo.name,
        sli: slo.sli,
        ratio: slo.ratio,
        good: slo.periodCounts.good,
        total: slo.periodCounts.total,
        budgetConsumed: slo.budget?.consumed ?? null,
        budgetRemaining: slo.budget?.remaining ?? null,
        firing: slo.firing,
        burnRates,
      };
    }),
    windows: evaluation.windows.map((w) => ({
      window: w.window,
      decisions: w.decisions,
      coverage: w.coverage.coverage,
      quality: headlineQuality(w.quality),
      completion: w.tasks.completion.ratio,
      tasks: w.tasks.completion.total,
      latencyP95Ms: w.tasks.latencyMs?.p95 ?? null,
    })),
    variants,
    tasks,
    drift: (evaluation.drift?.features ?? []).map((f) => ({
      feature: f.feature,
      method: f.method,
      statistic: f.statistic,
      threshold: f.threshold,
      status: f.status,
    })),
  };
}

/** Snapshots are kept every 5 minutes: 2 016 a week per monitor, enough for any trend line. */
export const SNAPSHOT_INTERVAL_MS = 5 * 60_000;

/**
 * Whether the evaluation at `asOf` stores a snapshot: the first evaluation in each snapshot interval (with
 * a 1-minute schedule, those at :00, :05, :10…). Deterministic, so a retried run stores the same ones.
 *
 * Complexity: O(1).
 * @example snapshotDue(Date.UTC(2026, 0, 1, 10, 5), 60_000) // true
 */
export function snapshotDue(
  asOf: number,
  evaluationIntervalMs: number,
  snapshotIntervalMs = SNAPSHOT_INTERVAL_MS,
): boolean {
  const minute = Math.floor(asOf / 60_000) * 60_000;
  return (
    ((minute % snapshotIntervalMs) + snapshotIntervalMs) % snapshotIntervalMs <
    Math.max(60_000, evaluationIntervalMs)
  );
}
