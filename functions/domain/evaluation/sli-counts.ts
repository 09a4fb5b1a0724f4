import type { SparseHistogram } from '../histogram/histogram.ts';
import { binRepresentative } from '../histogram/log-buckets.ts';
import { ConfusionMatrix } from '../metrics/confusion-matrix.ts';
import { parsePairKey } from '../metrics/grouped-metrics.ts';
import type { TaskOutcomeCounts } from '../metrics/task-completion.ts';
import type { SliCounts } from '../slo/error-budget.ts';
import { emptyOutcomeCounts, type StoredOutcomeCounts, type WindowSummary } from './window-summary.ts';

/** Restricts an SLI to one task and/or one rollout variant. */
export interface SliFilter {
  readonly task?: string;
  readonly variant?: string;
}

/** How a handed-off task counts in the completion SLI. */
export type HandedOffCounts = 'failure' | 'success' | 'excluded';

function matches(pair: string, filter: SliFilter): boolean {
  if (filter.task === undefined && filter.variant === undefined) return true;
  const { task, variant } = parsePairKey(pair);
  return (
    (filter.task === undefined || filter.task === task) &&
    (filter.variant === undefined || filter.variant === variant)
  );
}

/** The confusion matrix of every (task, variant) pair that passes the filter, merged. O(cells). */
export function filteredConfusion(summary: WindowSummary, filter: SliFilter = {}): ConfusionMatrix {
  const merged = new ConfusionMatrix();
  for (const [pair, matrix] of summary.confusion) if (matches(pair, filter)) merged.merge(matrix);
  return merged;
}

/** Sum of a per-pair count map over the pairs that pass the filter. */
export function filteredCount(counts: ReadonlyMap<string, number>, filter: SliFilter = {}): number {
  let n = 0;
  for (const [pair, c] of counts) if (matches(pair, filter)) n += c;
  return n;
}

function sumOutcomes(summary: WindowSummary, task: string | undefined): StoredOutcomeCounts {
  const out = emptyOutcomeCounts();
  for (const [t, o] of summary.taskOutcomes) {
    if (task !== undefined && t !== task) continue;
    out.completedWithinSla += o.completedWithinSla;
    out.completedLate += o.completedLate;
    out.failed += o.failed;
    out.handedOff += o.handedOff;
  }
  return out;
}

function sumStarted(summary: WindowSummary, task: string | undefined): number {
  let n = 0;
  for (const [t, c] of summary.tasksStarted) if (task === undefined || t === task) n += c;
  return n;
}

function terminalTotal(o: StoredOutcomeCounts): number {
  return o.completedWithinSla + o.completedLate + o.failed + o.handedOff;
}

/**
 * Task outcomes over a window, with timed-out and pending derived: `all` summarises the tasks started in
 * the window, `settled` those started early enough that their deadline has passed (started before
 * asOf − timeout). Settled tasks without a terminal event timed out; unsettled ones without one are pending.
 * O(tasks).
 */
export function taskOutcomeCounts(
  all: WindowSummary,
  settled: WindowSummary,
  task?: string,
): TaskOutcomeCounts {
  const stored = sumOutcomes(all, task);
  const started = sumStarted(all, task);
  const timedOut = Math.max(0, sumStarted(settled, task) - terminalTotal(sumOutcomes(settled, task)));
  const pending = Math.max(0, started - terminalTotal(stored) - timedOut);
  return { started, ...stored, timedOut, pending };
}

/** The completion SLI: tasks completed within their SLA over decided tasks. */
export function completionSliCounts(
  outcomes: TaskOutcomeCounts,
  handedOff: HandedOffCounts = 'failure',
): SliCounts {
  const decided =
    outcomes.completedWithinSla +
    outcomes.completedLate +
    outcomes.failed +
    outcomes.handedOff +
    outcomes.timedOut;
  switch (handedOff) {
    case 'failure':
      return { good: outcomes.completedWithinSla, total: decided };
    case 'success':
      return { good: outcomes.completedWithinSla + outcomes.handedOff, total: decided };
    case 'excluded':
      return { good: outcomes.completedWithinSla, total: decided - outcomes.handedOff };
  }
}

/**
 * The latency SLI: completed tasks whose latency is at most `thresholdMs`, over completed tasks. Read from
 * the latency histogram, so a task within α (1%) of the threshold may be counted on either side.
 */
export function latencySliCounts(histogram: SparseHistogram | undefined, thresholdMs: number): SliCounts {
  if (!histogram) return { good: 0, total: 0 };
  const { indices, counts } = histogram.sortedBins();
  let good = 0;
  for (let j = 0; j < indices.length; j++) {
    if (binRepresentative(indices[j] as number, histogram.scheme) <= thresholdMs) good += counts[j] as number;
  }
  return { good, total: histogram.total };
}

/** Precision as an occurrence ratio: correct positive predictions over positive predictions. */
export function precisionSliCounts(matrix: ConfusionMatrix, positiveLabel: string | undefined): SliCounts {
  if (positiveLabel === undefined) return accuracySliCounts(matrix);
  let predictedPositive = 0;
  for (const actual of matrix.classes()) predictedPositive += matrix.count(actual, positiveLabel);
  return { good: matrix.count(positiveLabel, positiveLabel), total: predictedPositive };
}

/** Recall as an occurrence ratio: positives predicted positive over actual positives. */
export function recallSliCounts(matrix: ConfusionMatrix, positiveLabel: string | undefined): SliCounts {
  if (positiveLabel === undefined) return accuracySliCounts(matrix);
  let actualPositive = 0;
  for (const predicted of matrix.classes()) actualPositive += matrix.count(positiveLabel, predicted);
  return { good: matrix.count(positiveLabel, positiveLabel), total: actualPositive };
}

/** Accuracy as an occurrence ratio; for single-label multiclass it equals micro precision and micro recall. */
export function accuracySliCounts(matrix: ConfusionMatrix): SliCounts {
  let correct = 0;
  for (const c of matrix.classes()) correct += matrix.count(c, c);
  return { good: correct, total: matrix.total() };
}
