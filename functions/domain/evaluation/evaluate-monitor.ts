import { effectiveWindow } from '../buckets/cover-window.ts';
import { GRANULARITY_MS } from '../buckets/granularity.ts';
import type { Monitor, SloConfig, TimesliceSloConfig } from '../config/config-types.ts';
import { type CounterSet, countersToRecord } from '../counters/counter-set.ts';
import { CONFIDENCE_BINS } from '../counters/decision-deltas.ts';
import { DEFAULT_TASK_SLA_MS } from '../counters/fold-options-from-config.ts';
import { datasetDriftShare } from '../drift/drift-share.ts';
import { SparseHistogram } from '../histogram/histogram.ts';
import { binaryMetrics, multiclassMetrics } from '../metrics/classification-metrics.ts';
import type { ConfusionMatrix } from '../metrics/confusion-matrix.ts';
import { parsePairKey, rollUp } from '../metrics/grouped-metrics.ts';
import { labelCoverage } from '../metrics/label-coverage.ts';
import { percentiles } from '../metrics/percentiles.ts';
import { formatDuration } from '../slo/durations.ts';
import { errorBudgetStatus, type SliCounts } from '../slo/error-budget.ts';
import { evaluateMultiwindowAlert } from '../slo/multiwindow-alert.ts';
import {
  countTimeslices,
  type Timeslice,
  timesliceSli,
  timeslicesInWindow,
} from '../slo/threshold-objective.ts';
import type {
  BurnRateEvaluation,
  DriftEvaluation,
  LatencyPercentiles,
  MonitorEvaluation,
  QualityMetrics,
  SloEvaluation,
  TaskMetrics,
  WindowEvaluation,
  WindowMeasures,
} from './evaluation-types.ts';
import { correctDriftResults, type FeatureSample, featureDrift } from './feature-drift.ts';
import { RangeReader } from './range-reader.ts';
import {
  accuracySliCounts,
  completionSliCounts,
  filteredConfusion,
  filteredCount,
  latencySliCounts,
  precisionSliCounts,
  recallSliCounts,
  taskOutcomeCounts,
} from './sli-counts.ts';
import type { WindowSource } from './window-source.ts';
import { summarizeCounters, type WindowSummary } from './window-summary.ts';

const MINUTE = GRANULARITY_MS['1m'];
const DAY = GRANULARITY_MS['1d'];
const iso = (t: number) => new Date(t).toISOString();

/** The windows shown for a monitor: every window its SLOs and drift use, shortest first. */
export function monitorWindows(monitor: Monitor): number[] {
  const set = new Set<number>();
  for (const slo of monitor.slos) {
    set.add(slo.periodMs);
    for (const rule of slo.alerting) {
      set.add(rule.longWindowMs);
      set.add(rule.shortWindowMs);
    }
  }
  if (monitor.drift) set.add(monitor.drift.windowMs);
  if (set.size === 0) for (const w of [60 * MINUTE, DAY]) set.add(w);
  return [...set].sort((a, b) => a - b);
}

/**
 * The baseline range at `asOf`. A trailing baseline of a day or more is aligned to whole days, so it moves
 * once a day (stable through the day, and read as whole day buckets); shorter ones align to the minute.
 */
export function baselineRange(monitor: Monitor, asOf: number): { from: number; to: number } | undefined {
  const baseline = monitor.drift?.baseline;
  if (!baseline) return undefined;
  if (baseline.kind === 'fixed') {
    return {
      from: Math.ceil(baseline.fromMs / MINUTE) * MINUTE,
      to: Math.floor(baseline.toMs / MINUTE) * MINUTE,
    };
  }
  const align = baseline.lengthMs >= DAY ? DAY : MINUTE;
  const to = Math.floor((asOf - baseline.offsetMs) / align) * align;
  return { from: to - baseline.lengthMs, to };
}

function quality(matrix: ConfusionMatrix, positiveLabel: string | undefined): QualityMetrics {
  const labelled = matrix.total();
  if (labelled === 0) return { labelled, binary: null, multiclass: null };
  return {
    labelled,
    binary: positiveLabel === undefined ? null : binaryMetrics(matrix, { positiveLabel }),
    multiclass: multiclassMetrics(matrix),
  };
}

function byDimension(
  summary: WindowSummary,
  dimension: 'task' | 'variant',
  positiveLabel: string | undefined,
): Record<string, QualityMetrics> {
  const groups = rollUp(summary.confusion, (pair) => parsePairKey(pair)[dimension]);
  const out: Record<string, QualityMetrics> = {};
  for (const name of [...groups.keys()].sort()) {
    const m = groups.get(name);
    if (m) out[name] = quality(m, positiveLabel);
  }
  return out;
}

/**
 * The latency histogram of one task, or of every task merged; read only. A single matching histogram is
 * returned as it is, without a merged copy: the same counts, so the same quantiles. O(bins merged).
 */
function taskLatencyHistogram(summary: WindowSummary, task: string | undefined): SparseHistogram {
  if (task !== undefined) return summary.taskLatency.get(task) ?? new SparseHistogram();
  if (summary.taskLatency.size === 1) for (const h of summary.taskLatency.values()) return h;
  const merged = new SparseHistogram();
  for (const h of summary.taskLatency.values()) merged.merge(h);
  return merged;
}

function settledEnd(monitor: Monitor, asOf: number): number {
  // Without task settings the fold gives tasks the default SLA as deadline; they time out after it too.
  const timeout = monitor.task?.timeoutMs ?? DEFAULT_TASK_SLA_MS;
  return Math.floor((asOf - timeout - MINUTE) / MINUTE) * MINUTE + MINUTE;
}

function latency(
  reader: RangeReader,
  summary: WindowSummary,
  task: string | undefined,
  from: number,
  to: number,
): LatencyPercentiles | null {
  const raw = reader.source.raw?.taskLatencies(reader.monitor, task, from, to);
  if (raw) {
    if (raw.length === 0) return null;
    const [p50 = 0, p95 = 0, p99 = 0] = percentiles(raw, [0.5, 0.95, 0.99]);
    return { p50, p95, p99, count: raw.length, approximate: false };
  }
  const histogram = taskLatencyHistogram(summary, task);
  if (histogram.total === 0) return null;
  return {
    p50: histogram.quantile(0.5, 'linear'),
    p95: histogram.quantile(0.95, 'linear'),
    p99: histogram.quantile(0.99, 'linear'),
    count: histogram.total,
    approximate: true,
  };
}

function taskMetrics(
  monitor: Monitor,
  reader: RangeReader,
  all: WindowSummary,
  settled: WindowSummary,
  task: string | undefined,
  from: number,
  to: number,
): TaskMetrics {
  const outcomes = taskOutcomeCounts(all, settled, task);
  const counts = completionSliCounts(outcomes, monitor.task?.handedOffCounts ?? 'failure');
  return {
    outcomes,
    completion: { ...counts, ratio: counts.total === 0 ? null : counts.good / counts.total },
    latencyMs: latency(reader, all, task, from, to),
  };
}

function evaluateWindow(
  monitor: Monitor,
  reader: RangeReader,
  asOf: number,
  windowMs: number,
): WindowMeasures {
  const { from, to } = effectiveWindow(asOf, windowMs);
  const all = reader.summary(from, to);
  const settled = reader.summary(from, Math.max(from, Math.min(to, settledEnd(monitor, asOf))));
  const merged = filteredConfusion(all);
  const decisions = filteredCount(all.decisions);
  const coverageByVariant: Record<string, ReturnType<typeof labelCoverage>> = {};
  const variants = new Set([...all.decisions.keys()].map((k) => parsePairKey(k).variant));
  for (const variant of [...variants].sort()) {
    coverageByVariant[variant] = labelCoverage(
      filteredCount(all.decisions, { variant }),
      filteredCount(all.labelled, { variant }),
    );
  }
  const tasks = new Set([...all.tasksStarted.keys(), ...all.taskOutcomes.keys()]);
  const tasksByTask: Record<string, TaskMetrics> = {};
  for (const task of [...tasks].sort())
    tasksByTask[task] = taskMetrics(monitor, reader, all, settled, task, from, to);
  // Counters read from storage could include labels counted without their decision (never, by the fold's
  // rules), so coverage caps at what the decisions allow rather than throwing on a corrupt bucket.
  const labelled = Math.min(decisions, filteredCount(all.labelled));
  return {
    window: formatDuration(windowMs),
    windowMs,
    from: iso(from),
    to: iso(to),
    decisions,
    coverage: labelCoverage(decisions, labelled),
    quality: quality(merged, monitor.positiveLabel),
    qualityByTask: byDimension(all, 'task', monitor.positiveLabel),
    qualityByVariant: byDimension(all, 'variant', monitor.positiveLabel),
    coverageByVariant,
    tasks: taskMetrics(monitor, reader, all, settled, undefined, from, to),
    tasksByTask,
  };
}

/** The occurrence-ratio SLI of an SLO over [from, to). */
function occurrenceCounts(
  monitor: Monitor,
  reader: RangeReader,
  slo: SloConfig,
  asOf: number,
  from: number,
  to: number,
): SliCounts {
  const all = reader.summary(from, to);
  switch (slo.sli) {
    case 'completion': {
      const settled = reader.summary(from, Math.max(from, Math.min(to, settledEnd(monitor, asOf))));
      return completionSliCounts(
        taskOutcomeCounts(all, settled, slo.filter.task),
        monitor.task?.handedOffCounts,
      );
    }
    case 'latency': {
      const histogram = taskLatencyHistogram(all, slo.filter.task);
      return latencySliCounts(histogram, slo.sli === 'latency' && 'thresholdMs' in slo ? slo.thresholdMs : 0);
    }
    case 'precision':
      return precisionSliCounts(filteredConfusion(all, slo.filter), monitor.positiveLabel);
    case 'recall':
      return recallSliCounts(filteredConfusion(all, slo.filter), monitor.positiveLabel);
    case 'accuracy':
    case 'f1':
      return accuracySliCounts(filteredConfusion(all, slo.filter));
  }
}

function sliceMetric(
  matrix: ConfusionMatrix,
  sli: SloConfig['sli'],
  positiveLabel: string | undefined,
): number | null {
  if (matrix.total() === 0) return null;
  if (positiveLabel !== undefined && sli !== 'accuracy') {
    const b = binaryMetrics(matrix, { positiveLabel });
    return sli === 'precision' ? b.precision : sli === 'recall' ? b.recall : b.f1;
  }
  const m = multiclassMetrics(matrix);
  return sli === 'precision'
    ? m.macro.precision
    : sli === 'recall'
      ? m.macro.recall
      : sli === 'f1'
        ? m.macro.f1
        : m.accuracy;
}

function measureSummary(monitor: Monitor, slo: TimesliceSloConfig, summary: WindowSummary): Timeslice {
  const matrix = filteredConfusion(summary, slo.filter);
  return { value: sliceMetric(matrix, slo.sli, monitor.positiveLabel), events: matrix.total() };
}

/**
 * The metric of one timeslice of a threshold SLO (F1, precision, recall or accuracy of the labelled decisions
 * that pass the SLO's filter; null when undefined) and the number of labelled decisions behind it, from the
 * slice's summed counters. The evaluator stores this measurement once a slice has settled, so later
 * evaluations read it instead of the slice's buckets; the verdict (good, bad, excluded) is derived from it
 * at each evaluation with the SLO's current threshold (OpenSLO `budgetingMethod: Timeslices`).
 *
 * Complexity: O(counters of the slice).
 * @example measureTimeslice(monitor, f1Slo, counters) // { value: 0.83, events: 57 }
 */
export function measureTimeslice(monitor: Monitor, slo: TimesliceSloConfig, counters: CounterSet): Timeslice {
  return measureSummary(monitor, slo, summarizeCounters(counters));
}

/**
 * Start times of the whole timeslices of `slo` inside [from, to): a slice still in progress is not judged
 * yet. O(slices).
 */
export function wholeTimeslices(slo: TimesliceSloConfig, from: number, to: number): number[] {
  const out: number[] = [];
  for (
    let start = Math.ceil(from / slo.timesliceMs) * slo.timesliceMs;
    start + slo.timesliceMs <= to;
    start += slo.timesliceMs
  ) {
    out.push(start);
  }
  return out;
}

/**
 * The timeslices a window of a threshold SLO reads at `asOf`: the latest ceil(window / slice) whole slices
 * ending at or before `asOf` (see timeslicesInWindow: a window shorter than a slice reads the latest slice).
 * Reading whole slices back from the last slice boundary, rather than the slices that fit inside the window's
 * own range, keeps a window of one slice from reading none a minute after each boundary — which made a 1-hour
 * short window over 1-hour slices fire at :00 and clear at :01.
 *
 * Complexity: O(1).
 * @example timesliceRange(f1Slo, 6 * 3_600_000, Date.UTC(2026, 0, 1, 10, 7)) // { from: 04:00, to: 10:00 }
 */
export function timesliceRange(
  slo: TimesliceSloConfig,
  windowMs: number,
  asOf: number,
): { from: number; to: number } {
  const to = Math.floor((Math.floor(asOf / MINUTE) * MINUTE) / slo.timesliceMs) * slo.timesliceMs;
  return { from: to - timeslicesInWindow(windowMs, slo.timesliceMs) * slo.timesliceMs, to };
}

/** Good and evaluated timeslices of a threshold objective over [from, to), with the events behind them. */
function timesliceCounts(
  monitor: Monitor,
  reader: RangeReader,
  slo: TimesliceSloConfig,
  from: number,
  to: number,
): { counts: SliCounts; events: number } {
  const slices: Timeslice[] = [];
  for (const start of wholeTimeslices(slo, from, to)) {
    const end = start + slo.timesliceMs;
    // A source that keeps settled slices answers from them; otherwise the slice is measured from counters.
    const stored = reader.source.timeslice?.(monitor.name, slo, start, end);
    slices.push(stored ?? measureSummary(monitor, slo, reader.summary(start, end)));
  }
  const counted = countTimeslices(slices, { threshold: slo.threshold, minSliceEvents: slo.minSliceEvents });
  return { counts: timesliceSli(counted), events: counted.events };
}

function evaluateSlo(monitor: Monitor, reader: RangeReader, slo: SloConfig, asOf: number): SloEvaluation {
  const range = (windowMs: number) => effectiveWindow(asOf, windowMs);
  const measure = (windowMs: number): { counts: SliCounts; events: number } => {
    if (slo.budgetingMethod === 'timeslices') {
      const slices = timesliceRange(slo, windowMs, asOf);
      return timesliceCounts(monitor, reader, slo, slices.from, slices.to);
    }
    const { from, to } = range(windowMs);
    const counts = occurrenceCounts(monitor, reader, slo, asOf, from, to);
    return { counts, events: counts.total };
  };
  const period = measure(slo.periodMs);
  const windows = slo.alerting.map((rule) => {
    const long = measure(rule.longWindowMs);
    const short = measure(rule.shortWindowMs);
    return { rule, long: long.counts, short: short.counts, longWindowEvents: long.events };
  });
  const decision = evaluateMultiwindowAlert({ objective: slo.objective, minEvents: slo.minEvents, windows });
  const burnRates: BurnRateEvaluation[] = decision.rules.map((d, i) => ({
    severity: d.rule.severity,
    factor: d.rule.factor,
    longWindow: formatDuration(d.rule.longWindowMs),
    shortWindow: formatDuration(d.rule.shortWindowMs),
    long: windows[i]?.long ?? { good: 0, total: 0 },
    short: windows[i]?.short ?? { good: 0, total: 0 },
    longBurnRate: d.longBurnRate,
    shortBurnRate: d.shortBurnRate,
    status: d.status,
  }));
  return {
    name: slo.name,
    sli: slo.sli,
    objective: slo.objective,
    period: formatDuration(slo.periodMs),
    periodCounts: period.counts,
    ratio: period.counts.total === 0 ? null : period.counts.good / period.counts.total,
    budget: period.counts.total === 0 ? null : errorBudgetStatus(period.counts, slo.objective),
    burnRates,
    firing: decision.highestSeverity,
    ...(slo.budgetingMethod === 'timeslices'
      ? { threshold: slo.threshold, timeslice: formatDuration(slo.timesliceMs) }
      : {}),
  };
}

function featureSample(
  monitor: Monitor,
  reader: RangeReader,
  summary: WindowSummary,
  feature: { name: string; kind: 'numeric' | 'categorical' | 'boolean' },
  from: number,
  to: number,
): FeatureSample {
  const missing = summary.missingFeatures.get(feature.name) ?? 0;
  if (feature.kind === 'numeric') {
    const raw = reader.source.raw?.numericFeature(monitor.name, feature.name, from, to);
    if (raw) return { kind: 'numeric', values: raw.values, missing: raw.missing };
    return {
      kind: 'numeric',
      histogram: summary.numericFeatures.get(feature.name) ?? new SparseHistogram(),
      missing,
    };
  }
  return { kind: 'categorical', counts: summary.categoricalFeatures.get(feature.name) ?? new Map(), missing };
}

function confidenceCounts(summary: WindowSummary): Map<string, number> {
  const out = new Map<string, number>();
  for (let b = 0; b < CONFIDENCE_BINS; b++) {
    const c = summary.confidence[b] ?? 0;
    if (c > 0) out.set(String(b), c);
  }
  return out;
}

function evaluateDrift(monitor: Monitor, reader: RangeReader, asOf: number): DriftEvaluation | null {
  const drift = monitor.drift;
  const baseline = baselineRange(monitor, asOf);
  if (!drift || !baseline) return null;
  const window = effectiveWindow(asOf, drift.windowMs);
  const ref = reader.summary(baseline.from, baseline.to);
  const cur = reader.summary(window.from, window.to);
  const results = drift.features.map((f) =>
    featureDrift(
      {
        feature: f.name,
        kind: f.kind,
        method: f.method,
        ...(f.threshold === undefined ? {} : { threshold: f.threshold }),
      },
      featureSample(monitor, reader, ref, f, baseline.from, baseline.to),
      featureSample(monitor, reader, cur, f, window.from, window.to),
      drift.minSamples,
    ),
  );
  if (drift.includePrediction) {
    results.push(
      featureDrift(
        { feature: 'prediction', kind: 'categorical', method: 'auto' },
        { kind: 'categorical', counts: ref.predicted, missing: 0 },
        { kind: 'categorical', counts: cur.predicted, missing: 0 },
        drift.minSamples,
      ),
      // Confidence is compared on its 20 fixed bins, as an ordered categorical.
      featureDrift(
        { feature: 'confidence', kind: 'categorical', method: 'auto' },
        { kind: 'categorical', counts: confidenceCounts(ref), missing: 0 },
        { kind: 'categorical', counts: confidenceCounts(cur), missing: 0 },
        drift.minSamples,
      ),
    );
  }
  const features = correctDriftResults(results, drift.correction);
  const judged = features.filter((f) => f.status !== 'insufficient_data');
  return {
    baseline: { from: iso(baseline.from), to: iso(baseline.to) },
    window: { from: iso(window.from), to: iso(window.to) },
    features,
    share:
      judged.length === 0
        ? { drifted: 0, total: 0, share: 0 }
        : datasetDriftShare(judged.map((f) => ({ feature: f.feature, drifted: f.status === 'drifted' }))),
  };
}

/** Options of {@link evaluateMonitor}. */
export interface EvaluateMonitorOptions {
  /** The windows to show; every window the monitor's SLOs and drift use when absent. */
  readonly windowsMs?: readonly number[];
  /**
   * Whether each window lists the summed counters behind its numbers (`counters`, sorted keys): the offline
   * evaluator's JSON output shows them; the pipeline leaves them out. @default true
   */
  readonly counters?: boolean;
  /**
   * The reader to read ranges through, when the caller reads more ranges of the same monitor and source
   * afterwards (the pipeline's "no data" rule): each range and bucket is then decoded once for both.
   */
  readonly reader?: RangeReader;
}

/**
 * Evaluates one monitor as of `asOf`: every window its SLOs and drift use (quality, coverage, task
 * completion and latency), every SLO (period budget, burn rate per rule window, firing severity) and
 * drift of every configured feature against the baseline. Pure given the source; deterministic for asOf.
 *
 * Complexity: O(distinct counter keys × (buckets, or ranges for a source without buckets)) to decode the
 * counters once, plus O(windows × slots) for the metrics and O(features × bins) for drift.
 * @example evaluateMonitor(monitor, Date.parse('2026-11-20T12:00:00Z'), source).slos[0]?.firing // 'page'
 */
export function evaluateMonitor(
  monitor: Monitor,
  asOf: number,
  source: WindowSource,
  options?: EvaluateMonitorOptions & { readonly counters?: true },
): MonitorEvaluation;
export function evaluateMonitor(
  monitor: Monitor,
  asOf: number,
  source: WindowSource,
  options: EvaluateMonitorOptions,
): MonitorEvaluation<WindowMeasures>;
export function evaluateMonitor(
  monitor: Monitor,
  asOf: number,
  source: WindowSource,
  options: EvaluateMonitorOptions = {},
): MonitorEvaluation<WindowMeasures> {
  const reader = options.reader ?? new RangeReader(monitor.name, source);
  const windowsMs = options.windowsMs ?? monitorWindows(monitor);
  const withCounters = options.counters ?? true;
  return {
    monitor: monitor.name,
    asOf: iso(Math.floor(asOf / MINUTE) * MINUTE),
    windows: windowsMs.map((w): WindowMeasures | WindowEvaluation => {
      const window = evaluateWindow(monitor, reader, asOf, w);
      if (!withCounters) return window;
      const { from, to } = effectiveWindow(asOf, w);
      return { ...window, counters: countersToRecord(reader.counters(from, to)) };
    }),
    slos: monitor.slos.map((slo) => evaluateSlo(monitor, reader, slo, asOf)),
    drift: evaluateDrift(monitor, reader, asOf),
  };
}
