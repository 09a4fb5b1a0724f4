import { InvalidStatisticInputError } from '../errors.ts';
import {
  binIndex,
  binKey,
  binRepresentative,
  DEFAULT_ALPHA,
  type LogBucketScheme,
  parseBinKey,
  resolveScheme,
  sameScheme,
} from './log-buckets.ts';

/**
 * How {@link SparseHistogram.quantile} picks the order statistic, named as in `numpy.quantile`:
 * with n values and h = q·(n−1), 'lower' targets the value of 0-based rank ⌊h⌋, 'higher' rank ⌈h⌉, and
 * 'linear' (NumPy's default) interpolates between them with weight h − ⌊h⌋.
 */
export type QuantileMethod = 'lower' | 'higher' | 'linear';

/** Bins of a histogram in increasing index (hence value) order. */
export interface SortedBins {
  readonly indices: Int32Array;
  readonly counts: Float64Array;
}

interface CumulativeView {
  readonly indices: Int32Array;
  /** cumulative[j] = number of values in bins indices[0..j]. */
  readonly cumulative: Float64Array;
}

function assertCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidStatisticInputError(`count must be a non-negative safe integer, got ${count}`);
  }
}

/**
 * A mergeable histogram over log buckets: a sparse map bin index → count. It is the in-memory form of the
 * per-minute/hour/day DynamoDB counters (one attribute per bin, incremented with `ADD`), and summing those
 * counters over a window is {@link SparseHistogram.merge}.
 *
 * Accuracy (α = scheme.alpha; proofs follow from every value lying within relative α of its bin's
 * representative, DDSketch Proposition 3):
 * - quantile(q, 'lower' | 'higher') returns the representative of the bin holding the exact order statistic
 *   x₍ₖ₎ that `numpy.quantile(x, q, method='lower' | 'higher')` returns, so |result − x₍ₖ₎| ≤ α·|x₍ₖ₎|;
 * - quantile(q, 'linear') interpolates the two representatives, so it is within α·((1−f)|x₍ₖ₎| + f|x₍ₖ₊₁₎|)
 *   of NumPy's default, i.e. relative error ≤ α whenever the two order statistics have the same sign;
 * - the zero bin has absolute error < minMagnitude instead, and clamped values (|x| > maxMagnitude) have no
 *   bound: choose maxMagnitude above anything the metric can reach.
 */
export class SparseHistogram {
  readonly scheme: LogBucketScheme;
  readonly #counts = new Map<number, number>();
  #total = 0;
  #view: CumulativeView | undefined;

  /**
   * Creates an empty histogram. A number is taken as α with the default magnitude range.
   *
   * Complexity: O(1).
   *
   * @throws {InvalidStatisticInputError} when α is outside (0, 1).
   * @example
   * new SparseHistogram(0.01).total; // 0
   */
  constructor(scheme: LogBucketScheme | number = DEFAULT_ALPHA) {
    this.scheme = resolveScheme(scheme);
  }

  /**
   * Histogram of a sample, one count per value.
   *
   * Source: DDSketch (Masson et al., PVLDB 2019), Algorithm 1 (insert).
   * Complexity: O(n + scheme.maxBinCount) time and O(scheme.maxBinCount) scratch memory.
   *
   * @throws {InvalidStatisticInputError} when a value is NaN or ±Infinity.
   * @example
   * SparseHistogram.fromValues([1, 2, 3]).total; // 3
   */
  static fromValues(
    values: ArrayLike<number>,
    scheme: LogBucketScheme | number = DEFAULT_ALPHA,
  ): SparseHistogram {
    const histogram = new SparseHistogram(scheme);
    const s = histogram.scheme;
    // Count into a dense array over the bounded key space (≤ 4839 slots by default) first: a typed-array
    // increment is several times cheaper than a Map update on the per-value hot path.
    const dense = new Float64Array(s.maxBinCount);
    for (let i = 0; i < values.length; i++) {
      const slot = binIndex(values[i] as number, s) + s.binsPerSign;
      dense[slot] = (dense[slot] as number) + 1;
    }
    for (let slot = 0; slot < dense.length; slot++) {
      const count = dense[slot] as number;
      if (count > 0) histogram.#increment(slot - s.binsPerSign, count);
    }
    return histogram;
  }

  /**
   * Reads counters keyed by {@link binKey} (e.g. the attributes of a DynamoDB item). Zero counters are
   * skipped: they carry no observation.
   *
   * Complexity: O(number of keys).
   *
   * @throws {InvalidStatisticInputError} when a key is not a bin key, a bin lies outside the scheme, or a
   *   count is negative, fractional or not a safe integer.
   * @example
   * SparseHistogram.fromRecord({ p1268: 2, z: 1 }).total; // 3
   */
  static fromRecord(
    record: Readonly<Record<string, number>>,
    scheme: LogBucketScheme | number = DEFAULT_ALPHA,
  ): SparseHistogram {
    const histogram = new SparseHistogram(scheme);
    for (const key of Object.keys(record)) {
      histogram.addToBin(parseBinKey(key), record[key] as number);
    }
    return histogram;
  }

  /** Number of values counted. Complexity: O(1). */
  get total(): number {
    return this.#total;
  }

  /** Number of non-empty bins (at most scheme.maxBinCount). Complexity: O(1). */
  get binCount(): number {
    return this.#counts.size;
  }

  /**
   * Counts `count` occurrences of `value`.
   *
   * Source: DDSketch (Masson et al., PVLDB 2019), Algorithm 1 (insert).
   * Complexity: O(1) amortised. Returns `this` for chaining.
   *
   * @throws {InvalidStatisticInputError} when the value is not finite or the count is not a non-negative
   *   safe integer.
   * @example
   * new SparseHistogram().add(0.25, 3).total; // 3
   */
  add(value: number, count = 1): this {
    assertCount(count);
    const index = binIndex(value, this.scheme);
    if (count > 0) this.#increment(index, count);
    return this;
  }

  /**
   * Adds `count` to the bin with the given index, as DynamoDB `ADD` does to one counter.
   *
   * Complexity: O(1) amortised. Returns `this` for chaining.
   *
   * @throws {InvalidStatisticInputError} when the index is outside ±scheme.binsPerSign or the count is not
   *   a non-negative safe integer.
   * @example
   * new SparseHistogram().addToBin(-3, 2).countAt(-3); // 2
   */
  addToBin(index: number, count: number): this {
    assertCount(count);
    if (!Number.isInteger(index) || Math.abs(index) > this.scheme.binsPerSign) {
      throw new InvalidStatisticInputError(
        `bin index must be an integer with |index| ≤ ${this.scheme.binsPerSign}, got ${index}`,
      );
    }
    if (count > 0) this.#increment(index, count);
    return this;
  }

  /**
   * Adds every count of `other` into this histogram. Because bins depend only on the value, the result is
   * exactly the histogram of the union of both samples, and merging is commutative and associative.
   *
   * Source: DDSketch (Masson et al., PVLDB 2019), Algorithm 3 (merge).
   * Complexity: O(other.binCount). Returns `this` for chaining.
   *
   * @throws {InvalidStatisticInputError} when the histograms use different schemes.
   * @example
   * SparseHistogram.fromValues([1]).merge(SparseHistogram.fromValues([2])).total; // 2
   */
  merge(other: SparseHistogram): this {
    if (!sameScheme(this.scheme, other.scheme)) {
      throw new InvalidStatisticInputError('cannot merge histograms built with different bucket schemes');
    }
    for (const [index, count] of other.#counts) this.#increment(index, count);
    return this;
  }

  /**
   * Independent copy (same scheme, same counts).
   *
   * Complexity: O(binCount).
   *
   * @example
   * const copy = h.clone().merge(other); // h is unchanged
   */
  clone(): SparseHistogram {
    const copy = new SparseHistogram(this.scheme);
    for (const [index, count] of this.#counts) copy.#increment(index, count);
    return copy;
  }

  /**
   * Count of one bin (0 when empty).
   *
   * Complexity: O(1).
   *
   * @example
   * SparseHistogram.fromValues([0]).countAt(0); // 1
   */
  countAt(index: number): number {
    return this.#counts.get(index) ?? 0;
  }

  /**
   * True when both histograms share a scheme and every bin count.
   *
   * Complexity: O(binCount).
   *
   * @example
   * SparseHistogram.fromValues([1, 2]).equals(SparseHistogram.fromValues([2, 1])); // true
   */
  equals(other: SparseHistogram): boolean {
    if (!sameScheme(this.scheme, other.scheme) || this.#counts.size !== other.#counts.size) return false;
    for (const [index, count] of this.#counts) {
      if (other.#counts.get(index) !== count) return false;
    }
    return true;
  }

  /**
   * Non-empty bins sorted by index, i.e. by value (fresh arrays, safe to modify).
   *
   * Complexity: O(B log B) for B bins on the first call after a change, O(B) afterwards.
   *
   * @example
   * SparseHistogram.fromValues([5, -5]).sortedBins().indices[0] < 0; // true
   */
  sortedBins(): SortedBins {
    const view = this.#cumulativeView();
    const counts = new Float64Array(view.cumulative.length);
    let previous = 0;
    for (let j = 0; j < counts.length; j++) {
      const c = view.cumulative[j] as number;
      counts[j] = c - previous;
      previous = c;
    }
    return { indices: view.indices.slice(), counts };
  }

  /**
   * Approximate q-quantile: the representative of the bin holding the order statistic NumPy's
   * `quantile(x, q, method)` would return (interpolated for 'linear'). See the class comment for the
   * error bound (relative error ≤ α against the exact 'lower'/'higher' order statistic).
   *
   * Source: DDSketch (Masson et al., PVLDB 2019), Algorithm 2 (quantile); NumPy `quantile` docs
   * (Hyndman & Fan 1996 definition 7 for 'linear').
   * Complexity: O(log B) after an O(B log B) sort that is cached until the next change.
   *
   * @throws {InvalidStatisticInputError} when the histogram is empty or q ∉ [0, 1].
   * @example
   * SparseHistogram.fromValues([1, 2, 3, 4]).quantile(0.5); // ≈ 2 (within 1 %)
   */
  quantile(q: number, method: QuantileMethod = 'lower'): number {
    if (!(q >= 0 && q <= 1)) {
      throw new InvalidStatisticInputError(`quantile level must lie in [0, 1], got ${q}`);
    }
    if (this.#total === 0) {
      throw new InvalidStatisticInputError('quantile of an empty histogram');
    }
    // Same virtual index as NumPy's 'lower'/'higher' (floor/ceil of (n−1)·q).
    const h = (this.#total - 1) * q;
    const lower = Math.floor(h);
    if (method === 'lower') return this.#valueAtRank(lower);
    const higher = Math.ceil(h);
    if (method === 'higher') return this.#valueAtRank(higher);
    const below = this.#valueAtRank(lower);
    if (higher === lower) return below;
    const above = this.#valueAtRank(higher);
    return below + (h - lower) * (above - below);
  }

  /**
   * Mean of the bin representatives weighted by count; within α·mean|x| (+ minMagnitude) of the exact
   * sample mean because each value moves by at most α|x|.
   *
   * Complexity: O(B).
   *
   * @throws {InvalidStatisticInputError} when the histogram is empty.
   * @example
   * SparseHistogram.fromValues([1, 3]).mean(); // ≈ 2
   */
  mean(): number {
    if (this.#total === 0) throw new InvalidStatisticInputError('mean of an empty histogram');
    // In bin order, so equal histograms give bit-equal results however their counts were added up.
    const { indices, counts } = this.sortedBins();
    let sum = 0;
    for (let j = 0; j < indices.length; j++)
      sum += (counts[j] as number) * binRepresentative(indices[j] as number, this.scheme);
    return sum / this.#total;
  }

  /**
   * Standard deviation of the bin representatives with `ddof` delta degrees of freedom, as
   * `numpy.std(x, ddof=ddof)`: 0 gives the population value, 1 the sample value that
   * `normalizedWasserstein1` uses. By Minkowski's inequality it is within α·√(Σx²/(n − ddof)) of the exact
   * value (each value moves by at most α|x|; by < minMagnitude in the zero bin).
   *
   * Source: NumPy `std` docs; error bound from the triangle inequality in ℓ².
   * Complexity: O(B) after the cached O(B log B) sort, shifted two-pass for numerical stability.
   *
   * @throws {InvalidStatisticInputError} when the histogram holds ddof values or fewer (empty for ddof 0,
   *   a single value for ddof 1), or ddof is not 0 or 1.
   * @example
   * SparseHistogram.fromValues([1, 3]).standardDeviation(); // ≈ 1
   */
  standardDeviation(ddof: 0 | 1 = 0): number {
    if (ddof !== 0 && ddof !== 1) throw new InvalidStatisticInputError(`ddof must be 0 or 1, got ${ddof}`);
    if (this.#total <= ddof) {
      throw new InvalidStatisticInputError(
        `standard deviation with ddof=${ddof} needs more than ${ddof} values, histogram holds ${this.#total}`,
      );
    }
    // Shifted two-pass algorithm: centring on one representative first makes a single-bin histogram
    // exactly 0 (callers divide by this) and limits cancellation when |mean| ≫ spread. Bins are visited in
    // index order (shifting by the lowest), so the result depends on the counts only, never on the order
    // they were added in: the pipeline's bucket sums and the offline sums of the same counters agree to the bit.
    const { indices, counts } = this.sortedBins();
    const representatives = new Float64Array(indices.length);
    for (let j = 0; j < indices.length; j++)
      representatives[j] = binRepresentative(indices[j] as number, this.scheme);
    const shift = representatives[0] ?? 0;
    let sum = 0;
    for (let j = 0; j < indices.length; j++)
      sum += (counts[j] as number) * ((representatives[j] as number) - shift);
    const shiftedMean = sum / this.#total;
    let sumSquares = 0;
    for (let j = 0; j < indices.length; j++) {
      const d = (representatives[j] as number) - shift - shiftedMean;
      sumSquares += (counts[j] as number) * d * d;
    }
    return Math.sqrt(sumSquares / (this.#total - ddof));
  }

  /**
   * Counters keyed by {@link binKey}, in increasing bin order: the shape written to DynamoDB.
   *
   * Complexity: O(B log B).
   *
   * @example
   * SparseHistogram.fromValues([0, 0]).toRecord(); // { z: 2 }
   */
  toRecord(): Record<string, number> {
    const { indices, counts } = this.sortedBins();
    const record: Record<string, number> = {};
    for (let j = 0; j < indices.length; j++) record[binKey(indices[j] as number)] = counts[j] as number;
    return record;
  }

  #increment(index: number, count: number): void {
    this.#counts.set(index, (this.#counts.get(index) ?? 0) + count);
    this.#total += count;
    this.#view = undefined;
  }

  #cumulativeView(): CumulativeView {
    if (this.#view !== undefined) return this.#view;
    // Filled by a plain loop: Int32Array.from over a map iterator takes the slow generic path.
    const indices = new Int32Array(this.#counts.size);
    let k = 0;
    for (const index of this.#counts.keys()) indices[k++] = index;
    indices.sort();
    const cumulative = new Float64Array(indices.length);
    let running = 0;
    for (let j = 0; j < indices.length; j++) {
      running += this.#counts.get(indices[j] as number) ?? 0;
      cumulative[j] = running;
    }
    this.#view = { indices, cumulative };
    return this.#view;
  }

  /** Representative of the bin holding the 0-based rank r (0 ≤ r < total), by binary search. */
  #valueAtRank(rank: number): number {
    const { indices, cumulative } = this.#cumulativeView();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > rank) hi = mid;
      else lo = mid + 1;
    }
    return binRepresentative(indices[lo] as number, this.scheme);
  }
}
