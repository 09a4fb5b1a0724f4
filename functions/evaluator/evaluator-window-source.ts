import { coverRange } from '../domain/buckets/cover-window.ts';
import type { BucketRef } from '../domain/buckets/granularity.ts';
import { bucketId } from '../domain/buckets/granularity.ts';
import type { TimesliceSloConfig } from '../domain/config/config-types.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import type { CounterParts } from '../domain/evaluation/counter-part.ts';
import type { WindowSource } from '../domain/evaluation/window-source.ts';
import type { Timeslice } from '../domain/slo/threshold-objective.ts';
import type { StoredTimeslices } from '../store/evaluation-timeslices.ts';
import { type CounterReaderDeps, readBucketItems } from '../store/read-counters.ts';
import {
  BucketWindowSource,
  type RecordedBucketsRead,
  type RecordingWindowSource,
  UnreadBucketError,
} from '../store/state-bucket-source.ts';
import { counterPartsFromItem } from './counter-parts-from-item.ts';

/** A bucket as read: its counters, whole or split by part. */
export type ReadBucket = CounterSet | CounterParts;

/**
 * The evaluator's {@link WindowSource} over the buckets read in bulk: it hands out each bucket
 * ({@link WindowSource.bucket}), so the evaluation decodes every bucket once and adds decoded buckets per
 * range, and still answers range sums (through {@link BucketWindowSource}) for callers that want counters.
 */
export class EvaluatorWindowSource implements WindowSource {
  readonly #buckets: ReadonlyMap<string, ReadBucket>;
  readonly #read: ReadonlySet<string>;
  readonly #stored: StoredTimeslices | undefined;
  /** Made on the first range sum asked for: the evaluation itself only asks for buckets. */
  #sums: BucketWindowSource | undefined;

  /**
   * @param buckets counters of the buckets found (whole or split by part), by bucketId
   * @param read ids of every bucket asked for (a bucket asked for and absent had no traffic)
   */
  constructor(
    buckets: ReadonlyMap<string, ReadBucket>,
    read: ReadonlySet<string>,
    stored?: StoredTimeslices,
  ) {
    this.#buckets = buckets;
    this.#read = read;
    this.#stored = stored;
  }

  /** The range-sum source over whole buckets (split ones joined again), made once. O(counters) the first time. */
  get #summing(): BucketWindowSource {
    if (!this.#sums) {
      const whole = new Map<string, CounterSet>();
      for (const [id, bucket] of this.#buckets) whole.set(id, wholeCounters(bucket));
      this.#sums = new BucketWindowSource(whole, this.#read, this.#stored);
    }
    return this.#sums;
  }

  /** @throws {UnreadBucketError} for a bucket that was not read: a defect, never a data condition. */
  bucket(_monitor: string, ref: BucketRef): ReadBucket | undefined {
    const id = bucketId(ref);
    if (!this.#read.has(id)) throw new UnreadBucketError(id);
    return this.#buckets.get(id);
  }

  counters(monitor: string, from: number, to: number): CounterSet {
    return this.#summing.counters(monitor, from, to);
  }

  timeslice(_monitor: string, slo: TimesliceSloConfig, from: number, _to: number): Timeslice | undefined {
    // Stored slices only: asking the range-sum source would join every split bucket for nothing.
    return this.#stored?.get(slo, from);
  }

  /** Whether every bucket of [from, to) was read. */
  covers(from: number, to: number): boolean {
    return from >= to || coverRange(from, to).every((ref) => this.#read.has(bucketId(ref)));
  }
}

function wholeCounters(bucket: ReadBucket): CounterSet {
  // A map's entries are not properties: only split counters have these two.
  if ('core' in bucket && 'features' in bucket) return new Map([...bucket.core, ...bucket.features]);
  return bucket;
}

/**
 * Reads the buckets of every range the recording source saw, in one bulk BatchGetItem read, as an
 * {@link EvaluatorWindowSource}; each item's counters are filed by part as they are decoded.
 * O(buckets + counters).
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
  const read = await readBucketItems(deps, monitor, refs, counterPartsFromItem);
  return {
    source: new EvaluatorWindowSource(read.counters, new Set(refs.map(bucketId)), stored),
    itemsRead: read.itemsRead,
    itemsFound: read.itemsFound,
    requests: read.requests,
  };
}
