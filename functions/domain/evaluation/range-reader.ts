import { coverRange } from '../buckets/cover-window.ts';
import type { BucketRef } from '../buckets/granularity.ts';
import type { CounterSet } from '../counters/counter-set.ts';
import { addVector, CounterLayout } from './counter-layout.ts';
import { VectorSummary } from './vector-summary.ts';
import type { WindowSource } from './window-source.ts';
import type { WindowSummary } from './window-summary.ts';

const COARSE = new Set(['1h', '1d']);
const HOUR = 3_600_000;
const NO_COUNTS = new Float64Array(0);

/**
 * Reads one monitor's ranges for an evaluation, each range once: windows, rule windows, settled ranges and
 * drift share many of them. Every counter set read is turned into a vector of counts over one
 * {@link CounterLayout}, so each counter key is decoded once per evaluation rather than once per range.
 *
 * From a source that hands out buckets ({@link WindowSource.bucket}, the pipeline) each bucket is decoded
 * once and a range is the sum of its cover's vectors. A greedy cover is fine buckets up to an hour boundary,
 * a run of hour and day buckets, and fine buckets to the end; the run is the same for every range that
 * passes through its first bucket and ends in the same hour (5-minute to 30-day windows and the settled
 * ranges a few minutes shorter end alike), so run sums are memoised and most ranges cost one copy plus a few
 * fine buckets. A source without buckets (the offline evaluator) is asked for each range's sum.
 */
export class RangeReader {
  readonly monitor: string;
  readonly source: WindowSource;
  readonly #layout = new CounterLayout();
  readonly #ranges = new Map<string, { vector: Float64Array; summary: WindowSummary }>();
  readonly #buckets = new Map<string, Float64Array>();
  /** Sums of runs of hour and day buckets, and of fine tails, shared between ranges. */
  readonly #memo = new Map<string, Float64Array>();

  constructor(monitor: string, source: WindowSource) {
    this.monitor = monitor;
    this.source = source;
  }

  /** The decoded counters of [from, to); empty when from ≥ to. */
  summary(from: number, to: number): WindowSummary {
    return this.#read(from, to).summary;
  }

  /** The summed counters of [from, to) as a counter set (zero counters left out). O(slots). */
  counters(from: number, to: number): CounterSet {
    const vector = this.#read(from, to).vector;
    const out: CounterSet = new Map();
    for (let slot = 0; slot < vector.length; slot++) {
      const n = vector[slot] as number;
      if (n !== 0) out.set(this.#layout.keyOf(slot), n);
    }
    return out;
  }

  #read(from: number, to: number): { vector: Float64Array; summary: WindowSummary } {
    const key = `${from}:${to}`;
    let entry = this.#ranges.get(key);
    if (!entry) {
      const vector = from >= to ? NO_COUNTS : this.#vector(from, to);
      entry = { vector, summary: new VectorSummary(this.#layout, vector) };
      this.#ranges.set(key, entry);
    }
    return entry;
  }

  #vector(from: number, to: number): Float64Array {
    const source = this.source;
    if (!source.bucket) return this.#layout.vectorOf(source.counters(this.monitor, from, to));
    const cover = coverRange(from, to);
    // Decode every bucket first: the sum must be as long as the layout once they are all numbered.
    const parts = cover.map((ref) => this.#bucket(ref));
    let first = 0;
    while (first < cover.length && !COARSE.has((cover[first] as BucketRef).granularity)) first++;
    let end = first;
    while (end < cover.length && COARSE.has((cover[end] as BucketRef).granularity)) end++;
    // Without a run of hours and days, the tail starts at the first hour boundary, if any.
    if (first === end) {
      first = end = cover.findIndex((ref) => ref.start % HOUR === 0);
      if (first < 0) first = end = cover.length;
    }
    const pieces: Float64Array[] = [];
    if (first < end) pieces.push(this.#run(cover, parts, first, end));
    if (end < cover.length) pieces.push(this.#tail(cover, parts, end, to));
    for (let i = 0; i < first; i++) pieces.push(parts[i] as Float64Array);
    return this.#sum(pieces);
  }

  /**
   * The sum of vectors, as a new vector; a single vector is returned as it is (vectors are never changed
   * once made). The first is copied rather than added to zeros.
   */
  #sum(pieces: readonly Float64Array[]): Float64Array {
    const [head, ...rest] = pieces;
    if (!head) return NO_COUNTS;
    if (rest.length === 0) return head;
    const sum = this.#layout.newVector(this.#layout.size);
    sum.set(head);
    for (const piece of rest) addVector(sum, piece);
    return sum;
  }

  #bucket(ref: BucketRef): Float64Array {
    const id = idOf(ref);
    let vector = this.#buckets.get(id);
    if (!vector) {
      const counters = this.source.bucket?.(this.monitor, ref);
      vector = counters ? this.#layout.vectorOf(counters) : NO_COUNTS;
      this.#buckets.set(id, vector);
    }
    return vector;
  }

  /** The sum of the coarse buckets cover[i..end); shared between ranges, never changed once made. */
  #run(cover: readonly BucketRef[], parts: readonly Float64Array[], i: number, end: number): Float64Array {
    const own = parts[i] as Float64Array;
    if (i + 1 === end) return own;
    // First and last bucket identify the run: the greedy cover between them is fixed.
    const key = `${idOf(cover[i] as BucketRef)}|${idOf(cover[end - 1] as BucketRef)}`;
    let sum = this.#memo.get(key);
    if (!sum) {
      sum = this.#sum([this.#run(cover, parts, i + 1, end), own]);
      this.#memo.set(key, sum);
    }
    return sum;
  }

  /**
   * The sum of the fine buckets cover[i..] from an hour boundary to the end `to`: the greedy cover from a
   * point to `to` is fixed, so every range ending at `to` and passing that boundary shares it (the windows
   * ending at the evaluation time, and the settled ranges ending a timeout earlier).
   */
  #tail(cover: readonly BucketRef[], parts: readonly Float64Array[], i: number, to: number): Float64Array {
    if (i + 1 === cover.length) return parts[i] as Float64Array;
    const key = `${idOf(cover[i] as BucketRef)}|${to}`;
    let sum = this.#memo.get(key);
    if (!sum) {
      sum = this.#sum(parts.slice(i));
      this.#memo.set(key, sum);
    }
    return sum;
  }
}

function idOf(ref: BucketRef): string {
  return `${ref.granularity}@${ref.start}`;
}
