import type { DriftMethod, FeatureKind } from '../drift/choose-method.ts';
import type { HandedOffCounts, SliFilter } from '../evaluation/sli-counts.ts';
import type { BurnRateRule } from '../slo/burn-rate-windows.ts';

/**
 * The monitor configuration after validation: every duration in milliseconds, every default filled in,
 * the Workbook alert windows scaled to each SLO's period. This is what the pipeline, the CDK app and the
 * CLI read; config/README.md documents the YAML it comes from.
 */
export interface MonitorConfig {
  readonly version: 1;
  /** How often the evaluator runs (EventBridge Scheduler rate). */
  readonly evaluationIntervalMs: number;
  readonly monitors: readonly Monitor[];
}

/** One monitored agent or model. */
export interface Monitor {
  /** Lower-case letters, digits and dashes; unique; the `monitor` of its events. */
  readonly name: string;
  readonly description?: string;
  /** The class that counts as positive for precision, recall and F1. Unset: multi-class, accuracy only. */
  readonly positiveLabel?: string;
  /** Task SLA settings; present whenever the monitor has a completion or latency SLO. */
  readonly task?: TaskConfig;
  readonly slos: readonly SloConfig[];
  readonly drift?: DriftConfig;
  readonly alerts: AlertRouting;
}

export type { HandedOffCounts, SliFilter };

export interface TaskConfig {
  /** A task completed within this time after its start counts as good. */
  readonly slaMs: number;
  /** A task with no terminal event this long after its start counts as timed out (failed). */
  readonly timeoutMs: number;
  /** How a task handed off to a person counts in the completion SLI. */
  readonly handedOffCounts: HandedOffCounts;
}

export type SliKind = 'completion' | 'latency' | 'precision' | 'recall' | 'accuracy' | 'f1';

/** A burn-rate alert rule; factor applies to the SLO's objective. */
export type AlertRule = BurnRateRule;

/** Where an SLO's alert rules came from: the Workbook table, the user's list, or none (report only). */
export type AlertingSource = 'workbook' | 'custom' | 'none';

interface SloCommon {
  /** Unique within the monitor. */
  readonly name: string;
  readonly description?: string;
  /** Target ratio of good events (or good timeslices), strictly between 0 and 1 (OpenSLO `target`). */
  readonly objective: number;
  /** Rolling period the error budget is defined over (OpenSLO `timeWindow`). */
  readonly periodMs: number;
  /** Fewer events than this in a rule's long window → the rule reports insufficient data, never fires. */
  readonly minEvents: number;
  /** Rules in the order written (Workbook order for the default). */
  readonly alerting: readonly AlertRule[];
  readonly alertingSource: AlertingSource;
  /** Restricts the SLI to one task and/or one rollout variant; empty = everything. */
  readonly filter: SliFilter;
}

/** Good events / valid events (OpenSLO `budgetingMethod: Occurrences`). */
export interface OccurrenceSloConfig extends SloCommon {
  readonly sli: 'completion' | 'precision' | 'recall' | 'accuracy';
  readonly budgetingMethod: 'occurrences';
}

/** Tasks completed within `thresholdMs` / completed tasks. */
export interface LatencySloConfig extends SloCommon {
  readonly sli: 'latency';
  readonly budgetingMethod: 'occurrences';
  readonly thresholdMs: number;
}

/**
 * Good timeslices / evaluated timeslices, a slice being good when the metric meets `threshold`
 * (OpenSLO `budgetingMethod: Timeslices`, `timeSliceWindow`). F1 always works this way; precision, recall
 * and accuracy do when a threshold is given.
 */
export interface TimesliceSloConfig extends SloCommon {
  readonly sli: 'precision' | 'recall' | 'accuracy' | 'f1';
  readonly budgetingMethod: 'timeslices';
  /** The metric must be ≥ this in a slice for the slice to be good. */
  readonly threshold: number;
  readonly timesliceMs: number;
  /** Slices with fewer labelled decisions are excluded (neither good nor bad). */
  readonly minSliceEvents: number;
}

export type SloConfig = OccurrenceSloConfig | LatencySloConfig | TimesliceSloConfig;

export type MultipleTestingCorrection = 'benjamini-hochberg' | 'holm' | 'bonferroni' | 'none';

export interface DriftConfig {
  readonly features: readonly FeatureConfig[];
  /** Also test the predicted label and the confidence for drift. */
  readonly includePrediction: boolean;
  readonly baseline: BaselineConfig;
  /** The current window compared with the baseline. */
  readonly windowMs: number;
  /** Fewer observations than this in the window or the baseline → no drift verdict for the feature. */
  readonly minSamples: number;
  /** How the p-values of the monitor's features are corrected for testing many at once. */
  readonly correction: MultipleTestingCorrection;
}

export interface FeatureConfig {
  /** As sent in the decision events' `features`. */
  readonly name: string;
  readonly kind: FeatureKind;
  /** 'auto' lets the drift evaluator choose by kind and sample size (see chooseDriftMethod). */
  readonly method: DriftMethod | 'auto';
  /**
   * Effect-size threshold of an explicit method: the KS statistic D (ks), Cramér's V (chi_square), W1 in
   * reference standard deviations (wasserstein), the JS distance (jensen_shannon) or the PSI (psi). Tests also
   * need a corrected p-value below 0.05. Unset: the method's default (DEFAULT_DRIFT_THRESHOLDS).
   */
  readonly threshold?: number;
  /** Categorical only: values counted by name; others count as `other`. Unset: values are hashed. */
  readonly categories?: readonly string[];
}

/**
 * The reference distribution. Trailing: the `lengthMs` before (now − `offsetMs`), moving with time.
 * Fixed: a frozen interval [fromMs, toMs), e.g. the week a model was validated.
 */
export type BaselineConfig =
  | { readonly kind: 'trailing'; readonly lengthMs: number; readonly offsetMs: number }
  | { readonly kind: 'fixed'; readonly fromMs: number; readonly toMs: number };

export interface AlertRouting {
  /** Linked from every alert of the monitor. */
  readonly runbookUrl: string;
  readonly dashboardUrl?: string;
  /** A firing alert is sent again after this long while it keeps firing. */
  readonly renotifyIntervalMs: number;
}
