import type { BucketRef } from '../domain/buckets/granularity.ts';
import { bucketId } from '../domain/buckets/granularity.ts';
import type { TimesliceSloConfig } from '../domain/config/config-types.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import type { WindowSource } from '../domain/evaluation/window-source.ts';
import type { Timeslice } from '../domain/slo/threshold-objective.ts';
import type { StoredTimeslices } from '../store/evaluation-timeslices.ts';
import { type CounterReaderDeps, readCounters } from '../store/read-counters.ts';
import {
  BucketWindowSource,
  type RecordedBucketsRead,
  type RecordingWindowSource,
  UnreadBucketError,
} from '../store/state-bucket-source.ts';

/**
 * The evaluator's {@link WindowSource} over the buckets read in bulk: it hands out each bucket
 * ({@link WindowSource.bucket}), so the evaluation decodes every bucket once and adds decoded buckets per
 * range, and still answers range sums (through {@link BucketWindowSource}) for callers that want counters.
 */
export class EvaluatorWindowSource implements WindowSource {
  readonly #buckets: ReadonlyMap<string, CounterSet>;
  readonly #read: ReadonlySet<string>;
  readonly #sums: BucketWindowSource;

  /**
   * @param buckets counters of the buckets found, by bucketId
   * @param read ids of every bucket asked for (a bucket asked for and absent had no traffic)
   */
  constructor(
    buckets: ReadonlyMap<string, CounterSet>,
    read: ReadonlySet<string>,
    stored?: StoredTimeslices,
  ) {
    this.#buckets = buckets;
    this.#read = read;
    this.#sums = new BucketWindowSource(buckets, read, stored);
  }

  /** @throws {UnreadBucketError} for a bucket that was not read: a defect, never a data condition. */
  bucket(_monitor: string, ref: BucketRef): ReadonlyMap<string, number> | undefined {
    const id = bucketId(ref);
    if (!this.#read.has(id)) throw new UnreadBucketError(id);
    return this.#buckets.get(id);
  }

  counters(monitor: string, from: number, to: number): CounterSet {
    return this.#sums.counters(monitor, from, to);
  }

  timeslice(monitor: string, slo: TimesliceSloConfig, from: number, to: number): Timeslice | undefined {
    return this.#sums.timeslice(monitor, slo, from, to);
  }

  /** Whether every bucket of [from, to) was read. */
  covers(from: number, to: number): boolean {
    return this.#sums.covers(from, to);
  }
}

/**
 * Reads the buckets of every range the recording source saw, in one bulk BatchGetItem read, as an
 * {@link EvaluatorWindowSource}. O(buckets + counters).
 *
 * @example
 * const recording = new RecordingWindowSource(stored);
 * evaluateMonitor(monitor, asOf, recording);
 * const { source } = await readEvaluatorBuckets(deps, monitor.name, recording, stored);
 */
export async function readEvaluatorBuckets(
  deps: CounterReaderDeps,
  monitor: string,
  recording: RecordingWindowSource,
  stored?: StoredTimeslices,
): Promise<Omit<RecordedBucketsRead, 'source'> & { readonly source: EvaluatorWindowSource }> {
  const refs = recording.bucketRefs();
  const read = await readCounters(deps, monitor, refs);
  return {
    source: new EvaluatorWindowSource(read.counters, new Set(refs.map(bucketId)), stored),
    itemsRead: read.itemsRead,
    itemsFound: read.itemsFound,
    requests: read.requests,
  };
}
