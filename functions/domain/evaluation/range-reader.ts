import { coverRange } from '../buckets/cover-window.ts';
import type { BucketRef } from '../buckets/granularity.ts';
import type { CounterSet } from '../counters/counter-set.ts';
import { addVector, CounterLayout } from './counter-layout.ts';
import type { CounterPart, CounterParts } from './counter-part.ts';
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
 *
 * Counters are kept in two parts ({@link CounterPart}): a bucket is decoded into a core vector and a feature
 * vector in one pass, and a range adds up the feature vectors of its buckets only when its features are read
 * (drift's window and baseline), so the other ranges add vectors a tenth as long.
 */
export class RangeReader {
  readonly monitor: string;
  readonly source: WindowSource;
  readonly #core = new CounterLayout('core');
  readonly #features = new CounterLayout('features');
  readonly #ranges = new Map<string, RangeVectors>();
  /** Decoded buckets (see {@link BucketVectors}). */
  readonly #buckets = new Map<string, BucketVectors>();
  /** Sums of runs of hour and day buckets, and of fine tails, shared between ranges; keyed by part too. */
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
    const range = this.#read(from, to);
    const out: CounterSet = new Map();
    addNonZero(out, this.#core, range.core);
    addNonZero(out, this.#features, range.features());
    return out;
  }

  #read(from: number, to: number): RangeVectors {
    const key = `${from}:${to}`;
    let range = this.#ranges.get(key);
    if (!range) {
      range = from >= to ? this.#empty() : this.#range(from, to);
      this.#ranges.set(key, range);
    }
    return range;
  }

  #empty(): RangeVectors {
    const none = () => NO_COUNTS;
    return {
      core: NO_COUNTS,
      features: none,
      summary: new VectorSummary(this.#core, NO_COUNTS, { layout: this.#features, vector: none }),
    };
  }

  #range(from: number, to: number): RangeVectors {
    const source = this.source;
    // A source without buckets answers a range with one counter set: its features are read from that set.
    const counters = source.bucket ? undefined : source.counters(this.monitor, from, to);
    const core = counters ? this.#core.vectorOf(counters) : this.#sumOf(from, to, 'core');
    let made: Float64Array | undefined;
    const features = (): Float64Array => {
      made ??= counters ? this.#features.vectorOf(counters) : this.#sumOf(from, to, 'features');
      return made;
    };
    return {
      core,
      features,
      summary: new VectorSummary(this.#core, core, { layout: this.#features, vector: features }),
    };
  }

  #layout(part: CounterPart): CounterLayout {
    return part === 'core' ? this.#core : this.#features;
  }

  /** One part of [from, to) as the sum of its cover's bucket vectors. */
  #sumOf(from: number, to: number, part: CounterPart): Float64Array {
    const cover = coverRange(from, to);
    // Decode every bucket first: the sum must be as long as the layout once they are all numbered.
    const parts = cover.map((ref) => this.#bucketPart(ref, part));
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
    if (first < end) pieces.push(this.#run(part, cover, parts, first, end));
    if (end < cover.length) pieces.push(this.#tail(part, cover, parts, end, to));
    for (let i = 0; i < first; i++) pieces.push(parts[i] as Float64Array);
    return this.#sum(part, pieces);
  }

  /**
   * The sum of vectors of one part, as a new vector; a single vector is returned as it is (vectors are never
   * changed once made). The first is copied rather than added to zeros.
   */
  #sum(part: CounterPart, pieces: readonly Float64Array[]): Float64Array {
    const [head, ...rest] = pieces;
    if (!head) return NO_COUNTS;
    if (rest.length === 0) return head;
    const layout = this.#layout(part);
    const sum = layout.newVector(layout.size);
    sum.set(head);
    for (const piece of rest) addVector(sum, piece);
    return sum;
  }

  /**
   * One part of a bucket as a vector. A bucket handed out whole is decoded into both parts in one pass on
   * first sight; one handed out split decodes its core at once and its features when first asked for.
   */
  #bucketPart(ref: BucketRef, part: CounterPart): Float64Array {
    const id = idOf(ref);
    let vectors = this.#buckets.get(id);
    if (!vectors) {
      const counters = this.source.bucket?.(this.monitor, ref);
      vectors = counters ? this.#decode(counters) : { core: NO_COUNTS, features: NO_COUNTS };
      this.#buckets.set(id, vectors);
    }
    if (part === 'core') return vectors.core;
    if (!(vectors.features instanceof Float64Array))
      vectors.features = this.#features.vectorOf(vectors.features);
    return vectors.features;
  }

  #decode(counters: ReadonlyMap<string, number> | CounterParts): BucketVectors {
    if (isCounterParts(counters))
      return { core: this.#core.vectorOf(counters.core), features: counters.features };
    const [core, features] = this.#core.vectorsOf(counters, this.#features);
    return { core, features };
  }

  /** The sum of the coarse buckets cover[i..end); shared between ranges, never changed once made. */
  #run(
    part: CounterPart,
    cover: readonly BucketRef[],
    parts: readonly Float64Array[],
    i: number,
    end: number,
  ): Float64Array {
    const own = parts[i] as Float64Array;
    if (i + 1 === end) return own;
    // First and last bucket identify the run: the greedy cover between them is fixed.
    const key = `${part}|${idOf(cover[i] as BucketRef)}|${idOf(cover[end - 1] as BucketRef)}`;
    let sum = this.#memo.get(key);
    if (!sum) {
      sum = this.#sum(part, [this.#run(part, cover, parts, i + 1, end), own]);
      this.#memo.set(key, sum);
    }
    return sum;
  }

  /**
   * The sum of the fine buckets cover[i..] from an hour boundary to the end `to`: the greedy cover from a
   * point to `to` is fixed, so every range ending at `to` and passing that boundary shares it (the windows
   * ending at the evaluation time, and the settled ranges ending a timeout earlier).
   */
  #tail(
    part: CounterPart,
    cover: readonly BucketRef[],
    parts: readonly Float64Array[],
    i: number,
    to: number,
  ): Float64Array {
    if (i + 1 === cover.length) return parts[i] as Float64Array;
    const key = `${part}|${idOf(cover[i] as BucketRef)}|${to}`;
    let sum = this.#memo.get(key);
    if (!sum) {
      sum = this.#sum(part, parts.slice(i));
      this.#memo.set(key, sum);
    }
    return sum;
  }
}

/** A range's counters: the core vector, and the feature vector made on first call. */
interface RangeVectors {
  readonly core: Float64Array;
  readonly features: () => Float64Array;
  readonly summary: WindowSummary;
}

/** A decoded bucket: its core vector, and its feature vector or the feature counters not decoded yet. */
interface BucketVectors {
  readonly core: Float64Array;
  features: Float64Array | ReadonlyMap<string, number>;
}

function isCounterParts(counters: ReadonlyMap<string, number> | CounterParts): counters is CounterParts {
  // A map's entries are not properties: only a CounterParts has these two.
  return 'core' in counters && 'features' in counters;
}

/** Adds the non-zero slots of a vector to a counter set, by key. O(length). */
function addNonZero(out: CounterSet, layout: CounterLayout, vector: Float64Array): void {
  for (let slot = 0; slot < vector.length; slot++) {
    const n = vector[slot] as number;
    if (n !== 0) out.set(layout.keyOf(slot), n);
  }
}

function idOf(ref: BucketRef): string {
  return `${ref.granularity}@${ref.start}`;
}
