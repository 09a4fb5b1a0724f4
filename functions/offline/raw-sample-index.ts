import type { RawSampleSource } from '../domain/evaluation/window-source.ts';
import type { DecisionSamples } from './decision-samples.ts';

/** A monitor's completed tasks in record order (parallel arrays). */
export interface CompletedTasks {
  readonly starts: Float64Array;
  /** Terminal time − start time, at least 0. */
  readonly latencies: Float64Array;
  readonly tasks: readonly string[];
}

/** What the index reads from an offline pipeline. */
export interface RawSampleStore {
  decisionSamples(monitor: string): DecisionSamples | undefined;
  completedTasks(monitor: string): CompletedTasks;
}

interface DecisionColumn {
  /** Decision times, ascending. */
  readonly times: Float64Array;
  /** Position of each sorted row in the pipeline's columns. */
  readonly rows: Int32Array;
  /** Sorted numeric feature columns, built on first use (NaN = missing). */
  readonly features: Map<string, Float64Array | undefined>;
}

interface TaskColumn {
  /** Start times of completed tasks, ascending. */
  readonly starts: Float64Array;
  readonly latencies: Float64Array;
  readonly tasks: readonly string[];
}

function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** values[rows[i]] for every i: a loop, several times faster than Float64Array.from with a callback. */
function gather(values: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i] as number] as number;
  return out;
}

/** Whether row a sorts before row b: earlier time, or the same time and earlier order. */
function isBefore(times: Float64Array, order: Float64Array, a: number, b: number): boolean {
  const ta = times[a] as number;
  const tb = times[b] as number;
  return ta < tb || (ta === tb && (order[a] as number) < (order[b] as number));
}

/**
 * The permutation that sorts rows by (time, order). Files are nearly in time order, so an insertion sort
 * with a budget of moves usually finishes in O(n); past the budget it falls back to a comparison sort,
 * O(n log n).
 */
export function sortedRows(times: Float64Array, order: Float64Array): Int32Array {
  const n = times.length;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const before = (a: number, b: number) => isBefore(times, order, a, b);
  let budget = 16 * n + 1024;
  for (let i = 1; i < n && budget >= 0; i++) {
    const row = rows[i] as number;
    let j = i - 1;
    while (j >= 0 && isBefore(times, order, row, rows[j] as number)) {
      rows[j + 1] = rows[j] as number;
      j--;
      budget--;
    }
    rows[j + 1] = row;
  }
  if (budget < 0) {
    const all = Array.from(rows);
    all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return Int32Array.from(all);
  }
  return rows;
}

/**
 * Raw values behind the offline evaluator's counters, indexed by time so each window's sample is a binary
 * search and a slice: O(n log n) to build per monitor (O(n) for a file in time order), O(log n + k) per
 * query of k values. Numeric feature values are those of the monitor's configured numeric features, the
 * only ones the pipeline keeps (DecisionSamples); any other feature reads as missing.
 */
export class RawSampleIndex implements RawSampleSource {
  readonly #decisions = new Map<string, DecisionColumn>();
  readonly #tasks = new Map<string, TaskColumn>();

  constructor(private readonly pipeline: RawSampleStore) {}

  #decisionColumn(monitor: string): DecisionColumn {
    let column = this.#decisions.get(monitor);
    if (!column) {
      const samples = this.pipeline.decisionSamples(monitor);
      const times = samples?.times.view() ?? new Float64Array(0);
      const rows = sortedRows(times, samples?.order.view() ?? new Float64Array(0));
      column = {
        times: gather(times, rows),
        rows,
        features: new Map(),
      };
      this.#decisions.set(monitor, column);
    }
    return column;
  }

  #featureColumn(monitor: string, column: DecisionColumn, feature: string): Float64Array | undefined {
    if (!column.features.has(feature)) {
      const raw = this.pipeline.decisionSamples(monitor)?.column(feature);
      column.features.set(feature, raw && gather(raw, column.rows));
    }
    return column.features.get(feature);
  }

  #taskColumn(monitor: string): TaskColumn {
    let column = this.#tasks.get(monitor);
    if (!column) {
      const completed = this.pipeline.completedTasks(monitor);
      // Sorted by start; ties keep record order, as a stable sort would.
      const recordOrder = new Float64Array(completed.starts.length);
      for (let i = 0; i < recordOrder.length; i++) recordOrder[i] = i;
      const rows = sortedRows(completed.starts, recordOrder);
      column = {
        starts: gather(completed.starts, rows),
        latencies: gather(completed.latencies, rows),
        tasks: Array.from(rows, (r) => completed.tasks[r] as string),
      };
      this.#tasks.set(monitor, column);
    }
    return column;
  }

  numericFeature(
    monitor: string,
    feature: string,
    from: number,
    to: number,
  ): { values: Float64Array; missing: number } {
    const column = this.#decisionColumn(monitor);
    const start = lowerBound(column.times, from);
    const end = lowerBound(column.times, to);
    const sorted = this.#featureColumn(monitor, column, feature);
    if (!sorted) return { values: new Float64Array(0), missing: end - start };
    const values = new Float64Array(end - start);
    let n = 0;
    for (let i = start; i < end; i++) {
      const v = sorted[i] as number;
      if (!Number.isNaN(v)) values[n++] = v;
    }
    return { values: values.subarray(0, n), missing: end - start - n };
  }

  taskLatencies(monitor: string, task: string | undefined, from: number, to: number): Float64Array {
    const column = this.#taskColumn(monitor);
    const start = lowerBound(column.starts, from);
    const end = lowerBound(column.starts, to);
    if (task === undefined) return column.latencies.slice(start, end);
    const out: number[] = [];
    for (let i = start; i < end; i++) if (column.tasks[i] === task) out.push(column.latencies[i] as number);
    return Float64Array.from(out);
  }
}
