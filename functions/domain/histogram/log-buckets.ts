import { InvalidStatisticInputError } from '../errors.ts';

/**
 * Log-bucketed binning with bounded relative error, after DDSketch (Masson, Rim & Lee, "DDSketch: A Fast
 * and Fully-Mergeable Quantile Sketch with Relative-Error Guarantees", PVLDB 12(12), 2019).
 *
 * With γ = (1+α)/(1−α), a magnitude |x| falls in bucket i = ⌈log_γ |x|⌉, i.e. γ^(i−1) < |x| ≤ γ^i, and the
 * bucket's representative 2·γ^i/(γ+1) is within relative error α of every value in it. The bucket of a
 * value depends only on the value, never on what else was observed, so two histograms over the same
 * scheme merge by adding counts: exactly what DynamoDB `ADD` on one counter per bucket does.
 *
 * Bin index encoding (the integer used everywhere else in this folder):
 * - 0 is the zero bin, holding every |x| < minMagnitude (representative 0, absolute error < minMagnitude);
 * - k ≥ 1 is the positive bucket i = k + lowestExponent − 1, −k the mirrored negative bucket;
 * so the bin index is monotone in the value (larger index ⇔ larger values), which lets CDFs be walked in
 * index order, and |index| ≤ binsPerSign keeps keys short ("p2419" at most for the defaults).
 * The triple (alpha, minMagnitude, maxMagnitude) therefore defines the key space: counters written under
 * one scheme must not be summed with counters written under another.
 */

/**
 * Default relative accuracy α = 1 %: quantiles within 1 % of the true order statistic, bins 2.02 % wide,
 * ≈ 116 bins per decade. Latency SLOs are stated at this granularity and DDSketch uses the same default.
 */
export const DEFAULT_ALPHA = 0.01;
/** Magnitudes below this go to the zero bin (1 ns when values are seconds). */
export const DEFAULT_MIN_MAGNITUDE = 1e-9;
/** Magnitudes above this are clamped into the last bucket so the key space stays bounded. */
export const DEFAULT_MAX_MAGNITUDE = 1e12;

/** Validated, precomputed constants of one binning; create with {@link logBucketScheme}. */
export interface LogBucketScheme {
  /** Relative accuracy α ∈ (0, 1). */
  readonly alpha: number;
  /** γ = (1+α)/(1−α), the ratio between consecutive bucket edges. */
  readonly gamma: number;
  /** ln γ, cached because every binning needs it. */
  readonly lnGamma: number;
  /** Smallest magnitude with its own bucket; smaller magnitudes go to bin 0. */
  readonly minMagnitude: number;
  /** Largest magnitude binned without clamping. */
  readonly maxMagnitude: number;
  /** ⌈log_γ minMagnitude⌉: exponent of the bucket encoded as index ±1. */
  readonly lowestExponent: number;
  /** ⌈log_γ maxMagnitude⌉: exponent of the last (clamping) bucket. */
  readonly highestExponent: number;
  /** Buckets per sign = highestExponent − lowestExponent + 1; the largest |index|. */
  readonly binsPerSign: number;
  /** Upper bound on distinct bins of any histogram under this scheme: 2·binsPerSign + 1. */
  readonly maxBinCount: number;
}

/** Options of {@link logBucketScheme}; omitted fields take the documented defaults. */
export interface LogBucketOptions {
  readonly alpha?: number;
  readonly minMagnitude?: number;
  readonly maxMagnitude?: number;
}

/** Inclusive/exclusive bounds of the values mapped to one bin. */
export interface BinBounds {
  readonly lower: number;
  readonly upper: number;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
}

const schemeCache = new Map<number, LogBucketScheme>();

/**
 * Builds (and validates) a binning scheme. With the defaults α = 0.01, range 1e-9..1e12 there are
 * ⌈log_γ 1e12⌉ − ⌈log_γ 1e-9⌉ + 1 = 1382 + 1036 + 1 = 2419 buckets per sign, so any histogram has at most
 * 4839 bins (in practice a latency histogram spanning three decades uses ≈ 350).
 *
 * Source: DDSketch (Masson et al., PVLDB 2019), §2 "logarithmic mapping" and §2.2 "bounding the size".
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when α ∉ (0, 1), a magnitude is not finite and positive, or
 *   maxMagnitude ≤ minMagnitude.
 * @example
 * logBucketScheme({ alpha: 0.01 }).binsPerSign; // 2419
 */
export function logBucketScheme(options: LogBucketOptions = {}): LogBucketScheme {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const minMagnitude = options.minMagnitude ?? DEFAULT_MIN_MAGNITUDE;
  const maxMagnitude = options.maxMagnitude ?? DEFAULT_MAX_MAGNITUDE;
  if (!(alpha > 0 && alpha < 1)) {
    throw new InvalidStatisticInputError(`alpha must lie in (0, 1), got ${alpha}`);
  }
  if (!(Number.isFinite(minMagnitude) && minMagnitude > 0)) {
    throw new InvalidStatisticInputError(`minMagnitude must be finite and > 0, got ${minMagnitude}`);
  }
  if (!(Number.isFinite(maxMagnitude) && maxMagnitude > minMagnitude)) {
    throw new InvalidStatisticInputError(
      `maxMagnitude must be finite and > minMagnitude (${minMagnitude}), got ${maxMagnitude}`,
    );
  }
  const gamma = (1 + alpha) / (1 - alpha);
  const lnGamma = Math.log(gamma);
  const lowestExponent = Math.ceil(Math.log(minMagnitude) / lnGamma);
  const highestExponent = Math.ceil(Math.log(maxMagnitude) / lnGamma);
  const binsPerSign = highestExponent - lowestExponent + 1;
  // Beyond 2^31 keys the scheme is useless for DynamoDB anyway, and Int32Array sorting relies on it.
  if (!(binsPerSign >= 1 && binsPerSign < 2 ** 30)) {
    throw new InvalidStatisticInputError(`scheme would need ${binsPerSign} bins per sign; widen alpha`);
  }
  return Object.freeze({
    alpha,
    gamma,
    lnGamma,
    minMagnitude,
    maxMagnitude,
    lowestExponent,
    highestExponent,
    binsPerSign,
    maxBinCount: 2 * binsPerSign + 1,
  });
}

/**
 * Resolves the scheme argument accepted by every function here: a scheme object is used as is, a number is
 * taken as α with the default range (cached, because it sits on the per-event hot path).
 *
 * Complexity: O(1) amortised.
 *
 * @throws {InvalidStatisticInputError} when a numeric α is outside (0, 1).
 * @example
 * resolveScheme(0.02).alpha; // 0.02
 */
export function resolveScheme(scheme: LogBucketScheme | number = DEFAULT_ALPHA): LogBucketScheme {
  if (typeof scheme !== 'number') return scheme;
  let cached = schemeCache.get(scheme);
  if (cached === undefined) {
    cached = logBucketScheme({ alpha: scheme });
    // A handful of α values exist in practice; the bound only stops a pathological caller leaking memory.
    if (schemeCache.size > 64) schemeCache.clear();
    schemeCache.set(scheme, cached);
  }
  return cached;
}

/**
 * Returns true when two schemes produce the same bins, i.e. their counters may be merged.
 *
 * Complexity: O(1).
 *
 * @example
 * sameScheme(logBucketScheme(), resolveScheme(0.01)); // true
 */
export function sameScheme(a: LogBucketScheme, b: LogBucketScheme): boolean {
  return a.alpha === b.alpha && a.minMagnitude === b.minMagnitude && a.maxMagnitude === b.maxMagnitude;
}

/**
 * Maps a value to its bin index: 0 for |x| < minMagnitude, otherwise ±(⌈log_γ |x|⌉ − lowestExponent + 1)
 * with the sign of x, clamped to ±binsPerSign for |x| > maxMagnitude. Every value not clamped and not in the
 * zero bin lies within relative error α of {@link binRepresentative} of its index (up to one rounding of
 * Math.log for values within ~1e-15 relative of a bucket edge).
 *
 * Source: DDSketch (Masson et al., PVLDB 2019), Definition 2 / Proposition 3.
 * Complexity: O(1) (one logarithm).
 *
 * @throws {InvalidStatisticInputError} when x is NaN or ±Infinity.
 * @example
 * binIndex(100, 0.01); // 1268  (bucket exponent ⌈log_γ 100⌉ = 231, lowest exponent −1036)
 */
export function binIndex(x: number, scheme: LogBucketScheme | number = DEFAULT_ALPHA): number {
  if (!Number.isFinite(x)) {
    throw new InvalidStatisticInputError(`cannot bin a non-finite value: ${x}`);
  }
  const s = resolveScheme(scheme);
  const magnitude = Math.abs(x);
  if (magnitude < s.minMagnitude) return 0;
  // Since |x| ≥ minMagnitude the exponent is ≥ lowestExponent, so k ≥ 1 without an explicit floor.
  const exponent = Math.min(Math.ceil(Math.log(magnitude) / s.lnGamma), s.highestExponent);
  const k = exponent - s.lowestExponent + 1;
  return x > 0 ? k : -k;
}

function assertIndex(index: number, s: LogBucketScheme): void {
  if (!Number.isInteger(index) || Math.abs(index) > s.binsPerSign) {
    throw new InvalidStatisticInputError(
      `bin index must be an integer with |index| ≤ ${s.binsPerSign}, got ${index}`,
    );
  }
}

/**
 * Representative value of a bin: ±2·γ^i/(γ+1) for bucket exponent i, 0 for the zero bin. It is the point
 * of (γ^(i−1), γ^i] whose worst relative error over the bucket is smallest, namely (γ−1)/(γ+1) = α.
 *
 * Source: DDSketch (Masson et al., PVLDB 2019), Proposition 3.
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when the index is not an integer within ±binsPerSign.
 * @example
 * binRepresentative(binIndex(100)); // ≈ 100.49 (within 1 % of 100)
 */
export function binRepresentative(index: number, scheme: LogBucketScheme | number = DEFAULT_ALPHA): number {
  const s = resolveScheme(scheme);
  assertIndex(index, s);
  if (index === 0) return 0;
  const table = representativeTable(s);
  const slot = index + s.binsPerSign;
  let value = table[slot] as number;
  if (Number.isNaN(value)) {
    const exponent = Math.abs(index) + s.lowestExponent - 1;
    const magnitude = (2 * s.gamma ** exponent) / (s.gamma + 1);
    value = index > 0 ? magnitude : -magnitude;
    table[slot] = value;
  }
  return value;
}

/**
 * Representatives already computed, by index + binsPerSign (NaN until first asked for): drift statistics
 * and quantiles ask for the same few hundred bins over and over, and a power per call was a tenth of an
 * evaluation's CPU. Kept for the last scheme used (in practice there is one).
 */
let tableScheme: LogBucketScheme | undefined;
let table = new Float64Array(0);

function representativeTable(s: LogBucketScheme): Float64Array {
  if (s !== tableScheme) {
    tableScheme = s;
    table = new Float64Array(s.maxBinCount).fill(Number.NaN);
  }
  return table;
}

/**
 * The set of values mapped to a bin, as an interval. Positive buckets are (γ^(i−1), γ^i], negative ones the
 * mirror [−γ^i, −γ^(i−1)); the lowest bucket starts at minMagnitude (inclusive), the clamping bucket
 * extends to ±Infinity, and the zero bin is (−minMagnitude, minMagnitude).
 *
 * Source: DDSketch (Masson et al., PVLDB 2019), Definition 2.
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when the index is not an integer within ±binsPerSign.
 * @example
 * binBounds(1, 0.01); // { lower: 1e-9, upper: ≈1.0026e-9, lowerInclusive: true, upperInclusive: true }
 */
export function binBounds(index: number, scheme: LogBucketScheme | number = DEFAULT_ALPHA): BinBounds {
  const s = resolveScheme(scheme);
  assertIndex(index, s);
  if (index === 0) {
    return { lower: -s.minMagnitude, upper: s.minMagnitude, lowerInclusive: false, upperInclusive: false };
  }
  const k = Math.abs(index);
  const exponent = k + s.lowestExponent - 1;
  const inner = k === 1 ? s.minMagnitude : s.gamma ** (exponent - 1);
  const outer = k === s.binsPerSign ? Number.POSITIVE_INFINITY : s.gamma ** exponent;
  if (index > 0) {
    return { lower: inner, upper: outer, lowerInclusive: k === 1, upperInclusive: k !== s.binsPerSign };
  }
  return { lower: -outer, upper: -inner, lowerInclusive: k !== s.binsPerSign, upperInclusive: k === 1 };
}

const KEY_PATTERN = /^(?:z|[pn][1-9][0-9]{0,9})$/;

/**
 * Short, expression-safe DynamoDB attribute name of a bin: "z" for the zero bin, "p<k>" / "n<k>" for the
 * positive / negative bin with |index| = k (at most 5 characters with the default scheme).
 *
 * Complexity: O(1).
 *
 * @throws {InvalidStatisticInputError} when the index is not a safe integer.
 * @example
 * binKey(-45); // 'n45'
 */
export function binKey(index: number): string {
  if (!Number.isSafeInteger(index)) {
    throw new InvalidStatisticInputError(`bin index must be a safe integer, got ${index}`);
  }
  if (index === 0) return 'z';
  return index > 0 ? `p${index}` : `n${-index}`;
}

/**
 * Inverse of {@link binKey}. Rejects anything binKey cannot produce (leading zeros, "p0", signs, spaces) so
 * a foreign attribute in a DynamoDB item is never silently read as a bin.
 *
 * Complexity: O(length of key).
 *
 * @throws {InvalidStatisticInputError} when the key is not of the form "z", "p<k>" or "n<k>" with k ≥ 1.
 * @example
 * parseBinKey('p123'); // 123
 */
export function parseBinKey(key: string): number {
  if (!KEY_PATTERN.test(key)) {
    throw new InvalidStatisticInputError(`not a histogram bin key: ${JSON.stringify(key)}`);
  }
  if (key === 'z') return 0;
  const k = Number(key.slice(1));
  return key.charCodeAt(0) === 112 /* 'p' */ ? k : -k;
}
