import type { CounterSet } from '../counters/counter-set.ts';

/**
 * Where an evaluation reads its data. The pipeline's evaluator reads summed bucket counters from the State
 * table; the offline evaluator sums in-memory minute counters and also offers the raw values behind them,
 * so it can compute exact statistics. Ranges are [from, to), minute-aligned epoch ms.
 */
export interface WindowSource {
  counters(monitor: string, from: number, to: number): CounterSet;
  /** Raw values, when the source keeps them (the offline evaluator does). */
  readonly raw?: RawSampleSource;
}

export interface RawSampleSource {
  /** A numeric feature's values of decisions made in [from, to), and how many decisions lacked it. */
  numericFeature(
    monitor: string,
    feature: string,
    from: number,
    to: number,
  ): { values: Float64Array; missing: number };
  /** Latencies (ms) of tasks started in [from, to) that completed; all tasks when `task` is undefined. */
  taskLatencies(monitor: string, task: string | undefined, from: number, to: number): Float64Array;
}
