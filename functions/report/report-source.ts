import type { AlertKind } from '../domain/alerts/alert-key.ts';
import type { WindowSource } from '../domain/evaluation/window-source.ts';
import type { AlertSeverity } from '../domain/slo/burn-rate-windows.ts';
import type { ConfidenceOutcomes } from './confidence-outcomes.ts';

/**
 * Where the weekly report reads its data. The counters come in the same synchronous shape the evaluator
 * uses (`WindowSource`): the offline source sums in-memory counters of a JSONL file, the pipeline source
 * serves DynamoDB buckets it fetched beforehand. Everything else is optional; the report says which
 * sections a source could not fill.
 */
export interface ReportSource extends WindowSource {
  /** Describes the data for the report header, e.g. `events file traffic.jsonl` or `State table …`. */
  readonly description: string;
  /** Alert episodes of a monitor that were firing at some time in [from, to). Absent: no alert history. */
  readonly alerts?: (monitor: string, from: number, to: number) => readonly AlertEpisode[];
  /** Events rejected at ingestion in [from, to), by reason. Absent: the source does not keep them. */
  readonly rejections?: (from: number, to: number) => RejectionCounts;
  /**
   * Labelled decisions with a confidence, by confidence bin and outcome for the monitor's positive label,
   * made in [from, to). Undefined when the source cannot tell (see confidence-outcomes.ts).
   */
  readonly confidenceOutcomes?: (
    monitor: string,
    positiveLabel: string,
    from: number,
    to: number,
  ) => ConfidenceOutcomes | undefined;
}

/** What an alert is about (the evaluator's alert kinds). */
export type AlertEpisodeKind = AlertKind;

/** Alert severities as the evaluator sends them. */
export type AlertSeverityName = AlertSeverity;

/**
 * One alert from firing to resolution, as kept in the evaluator's alert history (the same shape as
 * store/alert-history-store.ts reads, declared here so the pure report does not import the store).
 */
export interface AlertEpisode {
  readonly monitor: string;
  /** What fired: an SLO's burn-rate rules, a feature's drift, or the monitor going silent. */
  readonly kind: AlertEpisodeKind;
  /** The SLO name, the feature name, or `events` for silence. */
  readonly subject: string;
  readonly severity: AlertSeverityName;
  /** Epoch ms of the transition to firing. */
  readonly firedAt: number;
  /** Epoch ms of the transition to resolved; absent while still firing. */
  readonly resolvedAt?: number;
  /** Drift alerts: the method and the largest statistic seen while firing, when the history keeps them. */
  readonly method?: string;
  readonly statistic?: number;
  readonly threshold?: number;
}

export interface RejectionCounts {
  readonly total: number;
  /** Reason → count. */
  readonly byReason: Readonly<Record<string, number>>;
  /** Rejected lines whose time could not be read, so they are counted in every week (offline only). */
  readonly undated?: number;
}
