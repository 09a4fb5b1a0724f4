import type { RawSampleSource } from '../domain/evaluation/window-source.ts';
import type { InMemoryPipeline } from './in-memory-pipeline.ts';

interface DecisionColumn {
  /** Decision times, ascending. */
  readonly times: Float64Array;
  readonly features: ReadonlyArray<Readonly<Record<string, unknown>> | undefined>;
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

/**
 * Raw values behind the offline evaluator's counters, indexed by time so each window's sample is a binary
 * search and a slice: O(n log n) to build per monitor, O(log n + k) per query of k values.
 */
export class RawSampleIndex implements RawSampleSource {
  readonly #decisions = new Map<string, DecisionColumn>();
  readonly #tasks = new Map<string, TaskColumn>();

  constructor(private readonly pipeline: InMemoryPipeline) {}

  #decisionColumn(monitor: string): DecisionColumn {
    let column = this.#decisions.get(monitor);
    if (!column) {
      const rows: { time: number; features: Readonly<Record<string, unknown>> | undefined }[] = [];
      for (const record of this.pipeline.decisions.values()) {
        if (record.monitor === monitor && record.decision) {
          rows.push({ time: record.decision.time, features: record.decision.features });
        }
      }
      rows.sort((a, b) => a.time - b.time);
      column = { times: Float64Array.from(rows, (r) => r.time), features: rows.map((r) => r.features) };
      this.#decisions.set(monitor, column);
    }
    return column;
  }

  #taskColumn(monitor: string): TaskColumn {
    let column = this.#tasks.get(monitor);
    if (!column) {
      const rows: { start: number; latency: number; task: string }[] = [];
      for (const record of this.pipeline.tasks.values()) {
        if (record.monitor !== monitor || !record.started || record.terminal?.status !== 'completed')
          continue;
        rows.push({
          start: record.started.time,
          latency: Math.max(0, record.terminal.time - record.started.time),
          task: record.task,
        });
      }
      rows.sort((a, b) => a.start - b.start);
      column = {
        starts: Float64Array.from(rows, (r) => r.start),
        latencies: Float64Array.from(rows, (r) => r.latency),
        tasks: rows.map((r) => r.task),
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
    const values = new Float64Array(end - start);
    let n = 0;
    let missing = 0;
    for (let i = start; i < end; i++) {
      const v = column.features[i]?.[feature];
      if (typeof v === 'number' && Number.isFinite(v)) values[n++] = v;
      else missing++;
    }
    return { values: values.subarray(0, n), missing };
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
