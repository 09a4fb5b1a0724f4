import type { LatencyPercentiles } from '../domain/evaluation/evaluation-types.ts';
import type { SliFilter } from '../domain/evaluation/sli-counts.ts';
import type { LabelCoverage } from '../domain/metrics/label-coverage.ts';
import type { TaskOutcomeCounts } from '../domain/metrics/task-completion.ts';
import type { ErrorBudgetStatus } from '../domain/slo/error-budget.ts';
import type { AlertEpisodeKind } from './report-source.ts';
import type { ThresholdRow } from './threshold-tradeoff.ts';

/**
 * The weekly governance report as data: what the HTML shows, written as JSON beside it. Ratios are in
 * [0, 1], times are ISO-8601 UTC, durations are milliseconds. A `null` number means "no data", never 0.
 * Daily arrays have seven entries, Monday first (`days`).
 */
export const REPORT_SCHEMA = 'driftwatch/weekly-report@1';

export interface WeeklyReport {
  readonly schema: typeof REPORT_SCHEMA;
  /** ISO week name, e.g. `2026-W47`. */
  readonly week: string;
  readonly from: string;
  readonly to: string;
  /** The seven days, `YYYY-MM-DD`. */
  readonly days: readonly string[];
  /** What was known when the report was made: tasks are settled and labels counted up to this time. */
  readonly asOf: string;
  readonly source: string;
  readonly overview: readonly MonitorOverview[];
  readonly monitors: readonly MonitorWeek[];
  readonly rejections: RejectionSection;
}

/** One line of the overview table. */
export interface MonitorOverview {
  readonly monitor: string;
  readonly slosMet: number;
  readonly slosMissed: number;
  readonly slosWithoutData: number;
  /** The smallest error budget left at the end of the week, over the SLOs' periods. */
  readonly lowestBudgetRemaining: number | null;
  readonly decisions: number;
  /** F1 of the positive label (macro F1 without one) over the week. */
  readonly f1: number | null;
  readonly completion: number | null;
  readonly driftIncidents: number;
  readonly alertsFired: number | null;
}

/** Precision, recall and F1 of a group of labelled decisions. */
export interface QualityScores {
  readonly labelled: number;
  /** binary: of the positive label, one-vs-rest; multiclass: macro averages (no positive label configured). */
  readonly kind: 'binary' | 'multiclass';
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
}

export interface QualitySeries {
  readonly week: QualityScores | null;
  readonly daily: readonly (QualityScores | null)[];
}

export interface TaskPeriod {
  readonly outcomes: TaskOutcomeCounts;
  /** Tasks completed within their SLA over decided tasks. */
  readonly completion: { readonly good: number; readonly total: number; readonly ratio: number | null };
  readonly latencyMs: LatencyPercentiles | null;
}

export interface TaskSeries {
  readonly week: TaskPeriod;
  readonly daily: readonly TaskPeriod[];
}

export interface SliPeriod {
  /** Good and valid events, or good and evaluated timeslices for a threshold objective. */
  readonly good: number;
  readonly total: number;
  readonly ratio: number | null;
}

export interface BurnDownPoint {
  /** The end of the SLO period the point is measured over. */
  readonly at: string;
  /** Error budget left over the period ending `at`; negative when overspent, null without events. */
  readonly remaining: number | null;
}

export interface SloWeek {
  readonly name: string;
  readonly description?: string;
  readonly sli: string;
  readonly objective: number;
  readonly budgetingMethod: 'occurrences' | 'timeslices';
  /** The SLO's rolling period, e.g. `30d`. */
  readonly period: string;
  readonly filter: SliFilter;
  /** Threshold objectives: a slice is good when the metric is ≥ threshold. */
  readonly threshold?: number;
  readonly timeslice?: string;
  /** Latency SLOs: good when a task completes within this (ms). */
  readonly thresholdMs?: number;
  /** The SLI over the week, and whether it met the objective (null without events). */
  readonly week: SliPeriod & { readonly met: boolean | null };
  readonly daily: readonly SliPeriod[];
  /** The budget over the SLO period ending at the end of the week. */
  readonly budgetAtWeekEnd: ErrorBudgetStatus | null;
  /** Budget left over the period ending at the start of the week and at the end of each day (8 points). */
  readonly burnDown: readonly BurnDownPoint[];
}

export interface DriftIncident {
  readonly feature: string;
  /** The drift method behind the decision; null when the alert history does not say. */
  readonly method: string | null;
  /** The largest effect size seen (relative to its threshold) during the incident. */
  readonly statistic: number | null;
  readonly threshold: number | null;
  readonly from: string;
  /** End of the incident, or the report's end when it was still going on (then `ongoing`). */
  readonly to: string;
  readonly durationMs: number;
  readonly ongoing: boolean;
  /** Number of drift checks that found it (daily-check basis only). */
  readonly checks?: number;
  readonly severity?: string;
}

export interface DriftSection {
  /** Features (and prediction/confidence) tested, empty when the monitor has no drift settings. */
  readonly features: readonly string[];
  /** Where the incidents come from: the alert history, or drift checks replayed over the week. */
  readonly basis: 'alerts' | 'checks' | 'none';
  /** The drift window and how often it was checked, e.g. `1d` / `1d`. */
  readonly window?: string;
  readonly checkEvery?: string;
  readonly checks: number;
  /** Checks per feature with too little data for a verdict. */
  readonly insufficientChecks: Readonly<Record<string, number>>;
  readonly incidents: readonly DriftIncident[];
}

export interface AlertRow {
  readonly kind: AlertEpisodeKind;
  readonly subject: string;
  readonly severity: string;
  readonly firedAt: string;
  readonly resolvedAt: string | null;
  /** From firing to resolution, or to the report's end while still firing. */
  readonly durationMs: number;
  readonly ongoing: boolean;
}

export interface AlertSection {
  readonly available: boolean;
  readonly note?: string;
  readonly episodes: readonly AlertRow[];
  /** Episodes that started firing during the week. */
  readonly fired: number;
  /** Episodes resolved during the week. */
  readonly resolved: number;
  readonly medianTimeToResolveMs: number | null;
}

export interface ConfidenceSection {
  readonly available: boolean;
  readonly note?: string;
  /** Labelled decisions with a confidence behind the table. */
  readonly decisions: number;
  readonly rows: readonly ThresholdRow[];
}

export interface CoverageSection {
  readonly week: LabelCoverage;
  readonly daily: readonly LabelCoverage[];
  readonly byVariant: Readonly<Record<string, LabelCoverage>>;
}

export interface MonitorWeek {
  readonly monitor: string;
  readonly description?: string;
  readonly positiveLabel?: string;
  readonly decisions: { readonly week: number; readonly daily: readonly number[] };
  readonly slos: readonly SloWeek[];
  readonly quality: QualitySeries & {
    readonly byTask: Readonly<Record<string, QualitySeries>>;
    readonly byVariant: Readonly<Record<string, QualitySeries>>;
  };
  readonly coverage: CoverageSection;
  readonly tasks: TaskSeries & { readonly byTask: Readonly<Record<string, TaskSeries>> };
  /** Task SLA settings, when the monitor has tasks. */
  readonly taskSla?: { readonly slaMs: number; readonly timeoutMs: number };
  readonly drift: DriftSection;
  readonly alerts: AlertSection;
  /** Null when the monitor has no positive label (the trade-off is about acting on one class). */
  readonly confidence: ConfidenceSection | null;
}

export interface RejectionSection {
  readonly available: boolean;
  readonly note?: string;
  readonly total: number;
  /** Most frequent first. */
  readonly byReason: readonly { readonly reason: string; readonly count: number }[];
  readonly undated?: number;
}
