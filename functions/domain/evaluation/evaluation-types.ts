import type { DriftShare } from '../drift/drift-share.ts';
import type { BinaryMetrics, MulticlassMetrics } from '../metrics/classification-metrics.ts';
import type { LabelCoverage } from '../metrics/label-coverage.ts';
import type { TaskOutcomeCounts } from '../metrics/task-completion.ts';
import type { AlertSeverity } from '../slo/burn-rate-windows.ts';
import type { ErrorBudgetStatus, SliCounts } from '../slo/error-budget.ts';
import type { RuleStatus } from '../slo/multiwindow-alert.ts';
import type { FeatureDriftResult } from './feature-drift.ts';

/** Quality metrics of one group of decisions: binary when the monitor has a positive label. */
export interface QualityMetrics {
  readonly labelled: number;
  readonly binary: BinaryMetrics | null;
  readonly multiclass: MulticlassMetrics | null;
}

export interface LatencyPercentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** Completed tasks behind the percentiles. */
  readonly count: number;
  /** True when read from a histogram (within 1% of the exact value). */
  readonly approximate: boolean;
}

export interface TaskMetrics {
  readonly outcomes: TaskOutcomeCounts;
  readonly completion: SliCounts & { readonly ratio: number | null };
  readonly latencyMs: LatencyPercentiles | null;
}

/** Everything measured over one window. */
export interface WindowMeasures {
  /** Nominal length, e.g. "1h". */
  readonly window: string;
  readonly windowMs: number;
  /** The evaluated range (the start rounded as cover-window.ts explains), ISO-8601. */
  readonly from: string;
  readonly to: string;
  readonly decisions: number;
  readonly coverage: LabelCoverage;
  readonly quality: QualityMetrics;
  readonly qualityByTask: Record<string, QualityMetrics>;
  readonly qualityByVariant: Record<string, QualityMetrics>;
  readonly coverageByVariant: Record<string, LabelCoverage>;
  readonly tasks: TaskMetrics;
  readonly tasksByTask: Record<string, TaskMetrics>;
}

/** A window with the summed counters behind its numbers, as the offline evaluator's JSON output shows it. */
export interface WindowEvaluation extends WindowMeasures {
  /** The summed counters behind every number above (sorted keys). */
  readonly counters: Record<string, number>;
}

export interface BurnRateEvaluation {
  readonly severity: AlertSeverity;
  readonly factor: number;
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly long: SliCounts;
  readonly short: SliCounts;
  readonly longBurnRate: number | null;
  readonly shortBurnRate: number | null;
  readonly status: RuleStatus;
}

export interface SloEvaluation {
  readonly name: string;
  readonly sli: string;
  readonly objective: number;
  readonly period: string;
  /** The SLI over the whole period (events, or timeslices for a threshold objective). */
  readonly periodCounts: SliCounts;
  readonly ratio: number | null;
  /** Null when the period has no events yet. */
  readonly budget: ErrorBudgetStatus | null;
  readonly burnRates: readonly BurnRateEvaluation[];
  /** 'page' or 'ticket' when a rule fires (a page suppresses the ticket), else null. */
  readonly firing: AlertSeverity | null;
  /** For threshold objectives: the threshold and timeslice. */
  readonly threshold?: number;
  readonly timeslice?: string;
}

export interface DriftEvaluation {
  readonly baseline: { readonly from: string; readonly to: string };
  readonly window: { readonly from: string; readonly to: string };
  readonly features: readonly FeatureDriftResult[];
  readonly share: DriftShare;
}

/**
 * One monitor's evaluation. `W` is the shape of its windows: {@link WindowEvaluation} (with the counters
 * listing) by default; the pipeline's evaluator leaves the listing out ({@link PipelineEvaluation}), and
 * code that reads either takes `MonitorEvaluation<WindowMeasures>`.
 */
export interface MonitorEvaluation<W extends WindowMeasures = WindowEvaluation> {
  readonly monitor: string;
  readonly asOf: string;
  readonly windows: readonly W[];
  readonly slos: readonly SloEvaluation[];
  readonly drift: DriftEvaluation | null;
}

/**
 * An evaluation without the per-window counters listing: what the pipeline's evaluator computes, since
 * nothing it feeds (alerts, snapshots, metrics) reads the listing and sorting a few thousand keys per window
 * cost more than the rest of the evaluation.
 */
export type PipelineEvaluation = MonitorEvaluation<WindowMeasures>;
