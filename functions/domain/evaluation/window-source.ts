import type { BucketRef } from '../buckets/granularity.ts';
import type { TimesliceSloConfig } from '../config/config-types.ts';
import type { CounterSet } from '../counters/counter-set.ts';
import type { Timeslice } from '../slo/threshold-objective.ts';
import type { CounterParts } from './counter-part.ts';

/**
 * Where an evaluation reads its data. The pipeline's evaluator reads summed bucket counters from the State
 * table; the offline evaluator sums in-memory minute counters and also offers the raw values behind them,
 * so it can compute exact statistics. Ranges are [from, to), minute-aligned epoch ms.
 */
export interface WindowSource {
  counters(monitor: string, from: number, to: number): CounterSet;
  /**
   * The counters of one bucket (undefined when it had no traffic), when the source holds buckets: the
   * pipeline's evaluator does, and the evaluation then decodes each bucket once and adds decoded buckets
   * per range (range-reader.ts) instead of asking {@link counters} for every range's sum. A source asked for
   * a bucket it did not read should throw rather than answer with no counters. A bucket split by part
   * ({@link CounterParts}) has its feature counters decoded only if a range reading features covers it.
   */
  bucket?(monitor: string, ref: BucketRef): ReadonlyMap<string, number> | CounterParts | undefined;
  /**
   * The stored measurement of one whole timeslice [from, to) of a threshold SLO, when the source keeps them;
   * undefined to let the evaluation measure the slice from its counters. The pipeline stores each slice once
   * it has settled, so a 30-day timeslice SLO reads 30 day items instead of 720 hour buckets; the offline
   * evaluator has no such method and measures every slice.
   */
  timeslice?(monitor: string, slo: TimesliceSloConfig, from: number, to: number): Timeslice | undefined;
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
