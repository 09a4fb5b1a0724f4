import { coverRange, unionOfCovers } from '../domain/buckets/cover-window.ts';
import { type BucketRef, bucketId } from '../domain/buckets/granularity.ts';
import type { TimesliceSloConfig } from '../domain/config/config-types.ts';
import { type CounterSet, mergeCounters } from '../domain/counters/counter-set.ts';
import type { WindowSource } from '../domain/evaluation/window-source.ts';
import type { Timeslice } from '../domain/slo/threshold-objective.ts';
import type { StoredTimeslices } from './evaluation-timeslices.ts';
import { type CounterReaderDeps, readCounters } from './read-counters.ts';

/**
 * The pipeline's {@link WindowSource}: an evaluation reads its counters from the State table's buckets in one
 * bulk read, in two phases, so the items read depend on the windows only, never on the traffic:
 * 1. run the evaluation once with a {@link RecordingWindowSource}, which answers every range with no counters
 *    and records it (the ranges an evaluation asks for do not depend on the counters);
 * 2. read the union of the ranges' bucket covers once ({@link readRecordedBuckets}, BatchGetItem);
 * 3. run the evaluation again with the resulting {@link BucketWindowSource}, which sums cached buckets.
 * Settled timeslices come from the stored measurements (evaluation-timeslices.ts) in both phases, so phase 1
 * asks only for the buckets of slices not stored yet.
 */

export interface RecordedRange {
  readonly from: number;
  readonly to: number;
}

/** Phase 1: answers every range with no counters and records it. */
export class RecordingWindowSource implements WindowSource {
  readonly ranges: RecordedRange[] = [];
  readonly #stored: StoredTimeslices | undefined;

  constructor(stored?: StoredTimeslices) {
    this.#stored = stored;
  }

  counters(_monitor: string, from: number, to: number): CounterSet {
    if (from < to) this.ranges.push({ from, to });
    return new Map();
  }

  timeslice(_monitor: string, slo: TimesliceSloConfig, from: number, _to: number): Timeslice | undefined {
    return this.#stored?.get(slo, from);
  }

  /** Every bucket tiling a recorded range, once. O(ranges × buckets per range). */
  bucketRefs(): BucketRef[] {
    return unionOfCovers(this.ranges.map((r) => coverRange(r.from, r.to)));
  }
}

/** A range was asked for in phase 2 that phase 1 did not record: a defect, never a data condition. */
export class UnreadBucketError extends Error {
  constructor(bucket: string) {
    super(`bucket ${bucket} was not read for this evaluation (phase 1 did not ask for it)`);
    this.name = 'UnreadBucketError';
  }
}

const COARSE = new Set(['1h', '1d']);
const EMPTY: ReadonlyMap<string, number> = new Map();

/**
 * Phase 2: sums the buckets read in bulk. A greedy cover is fine buckets (1m, 10m) leading up to an hour
 * boundary, a run of hour and day buckets, and fine buckets trailing to the end; the run from any of its
 * buckets to its end is the same for every range passing through that bucket and ending in the same hour
 * (5-minute, 1-hour, 30-day windows and the settled ranges a few minutes shorter all end with the same run).
 * Those run sums are memoised, so an evaluation's ~40 ranges merge each hour or day bucket about once instead
 * of once per range, and each range costs one copy plus its few fine buckets. O(buckets × counters).
 */
export class BucketWindowSource implements WindowSource {
  readonly #buckets: ReadonlyMap<string, CounterSet>;
  readonly #read: ReadonlySet<string>;
  readonly #stored: StoredTimeslices | undefined;
  readonly #runs = new Map<string, ReadonlyMap<string, number>>();

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
    this.#stored = stored;
  }

  #bucket(ref: BucketRef): ReadonlyMap<string, number> | undefined {
    const id = bucketId(ref);
    if (!this.#read.has(id)) throw new UnreadBucketError(id);
    return this.#buckets.get(id);
  }

  /** The sum of the coarse buckets cover[i..end) (never mutated by callers: they copy it). */
  #run(cover: readonly BucketRef[], i: number, end: number): ReadonlyMap<string, number> {
    const ref = cover[i] as BucketRef;
    const own = this.#bucket(ref);
    if (i + 1 === end) return own ?? EMPTY;
    // First and last bucket identify the run: the greedy cover between them is fixed.
    const key = `${bucketId(ref)}|${bucketId(cover[end - 1] as BucketRef)}`;
    const memo = this.#runs.get(key);
    if (memo) return memo;
    const sum: CounterSet = new Map(this.#run(cover, i + 1, end));
    if (own) mergeCounters(sum, own);
    this.#runs.set(key, sum);
    return sum;
  }

  counters(_monitor: string, from: number, to: number): CounterSet {
    if (from >= to) return new Map();
    const cover = coverRange(from, to);
    let first = 0;
    while (first < cover.length && !COARSE.has((cover[first] as BucketRef).granularity)) first++;
    let end = first;
    while (end < cover.length && COARSE.has((cover[end] as BucketRef).granularity)) end++;
    const out: CounterSet = first < end ? new Map(this.#run(cover, first, end)) : new Map();
    for (let i = 0; i < cover.length; i++) {
      if (i >= first && i < end) continue;
      const b = this.#bucket(cover[i] as BucketRef);
      if (b) mergeCounters(out, b);
    }
    return out;
  }

  timeslice(_monitor: string, slo: TimesliceSloConfig, from: number, _to: number): Timeslice | undefined {
    return this.#stored?.get(slo, from);
  }

  /** Whether every bucket of [from, to) was read, i.e. {@link counters} can answer it. */
  covers(from: number, to: number): boolean {
    return from >= to || coverRange(from, to).every((ref) => this.#read.has(bucketId(ref)));
  }
}

export interface RecordedBucketsRead {
  readonly source: BucketWindowSource;
  /** Distinct bucket items asked for: the cost invariant's measure. */
  readonly itemsRead: number;
  readonly itemsFound: number;
  readonly requests: number;
}

/**
 * Phase 2's read: the buckets of every range the recording source saw, in one bulk BatchGetItem read.
 * O(buckets + counters).
 *
 * @example
 * const recording = new RecordingWindowSource(stored);
 * evaluateMonitor(monitor, asOf, recording);
 * const { source, itemsRead } = await readRecordedBuckets(deps, monitor.name, recording, stored);
 * const evaluation = evaluateMonitor(monitor, asOf, source);
 */
export async function readRecordedBuckets(
  deps: CounterReaderDeps,
  monitor: string,
  recording: RecordingWindowSource,
  stored?: StoredTimeslices,
): Promise<RecordedBucketsRead> {
  const refs = recording.bucketRefs();
  const read = await readCounters(deps, monitor, refs);
  return {
    source: new BucketWindowSource(read.counters, new Set(refs.map(bucketId)), stored),
    itemsRead: read.itemsRead,
    itemsFound: read.itemsFound,
    requests: read.requests,
  };
}
