import { type BucketRef, bucketId, GRANULARITIES, GRANULARITY_MS, type Granularity } from './granularity.ts';

/**
 * How precisely a window's leading edge is honoured: the coarsest granularity no longer than 1/24 of the
 * window. A 1-day window starts on an hour boundary, a 30-day window on a day boundary, a 6-hour window
 * on a 10-minute boundary; windows shorter than 4 hours are exact to the minute. The window can therefore be
 * shorter than asked by less than 1/24 (4.2%) of its length — small beside the factors between burn-rate
 * thresholds — and in exchange every window up to 30 days costs a bounded number of bucket reads.
 */
export const LEADING_EDGE_FRACTION = 24;

export function resolutionFor(windowMs: number): Granularity {
  let chosen: Granularity = '1m';
  for (const g of GRANULARITIES) {
    if (GRANULARITY_MS[g] <= windowMs / LEADING_EDGE_FRACTION) chosen = g;
  }
  return chosen;
}

/** The window actually evaluated for a nominal window of `windowMs` ending at `asOf` (minute-aligned). */
export interface EffectiveWindow {
  /** Inclusive start, epoch ms. */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
}

function ceilTo(timeMs: number, sizeMs: number): number {
  return Math.ceil(timeMs / sizeMs) * sizeMs;
}

function floorTo(timeMs: number, sizeMs: number): number {
  return Math.floor(timeMs / sizeMs) * sizeMs;
}

/**
 * The evaluated window [from, to) for a nominal length ending at `asOf`. `asOf` is floored to the minute
 * (evaluations are scheduled on minute boundaries; minute buckets are the finest counters) and the start is
 * rounded up to the resolution of {@link resolutionFor}. The offline evaluator uses the same rule, so its
 * exact counts equal the pipeline's bucket sums.
 */
export function effectiveWindow(asOf: number, windowMs: number): EffectiveWindow {
  const to = floorTo(asOf, GRANULARITY_MS['1m']);
  const from = ceilTo(to - windowMs, GRANULARITY_MS[resolutionFor(windowMs)]);
  return { from: Math.min(from, to), to };
}

/**
 * The fewest buckets that tile [from, to), both edges on minute boundaries: the largest aligned bucket that
 * fits at each step. Complexity O(number of buckets): at most 9 + 5 + 23 on each side plus the whole days.
 *
 * @throws RangeError when the edges are not minute-aligned or from > to.
 */
export function coverRange(from: number, to: number): BucketRef[] {
  if (from % GRANULARITY_MS['1m'] !== 0 || to % GRANULARITY_MS['1m'] !== 0) {
    throw new RangeError(`window edges must be on minute boundaries (got ${from}..${to})`);
  }
  if (from > to) throw new RangeError(`window starts after it ends (${from} > ${to})`);
  const out: BucketRef[] = [];
  let t = from;
  const coarsestFirst = [...GRANULARITIES].reverse();
  while (t < to) {
    for (const g of coarsestFirst) {
      const size = GRANULARITY_MS[g];
      if (t % size === 0 && t + size <= to) {
        out.push({ granularity: g, start: t });
        t += size;
        break;
      }
    }
  }
  return out;
}

/** The buckets covering the effective window of `windowMs` ending at `asOf`. */
export function coverWindow(asOf: number, windowMs: number): BucketRef[] {
  const w = effectiveWindow(asOf, windowMs);
  return coverRange(w.from, w.to);
}

/** The union of several covers, without duplicates (one read per bucket, whatever the number of windows). */
export function unionOfCovers(covers: readonly (readonly BucketRef[])[]): BucketRef[] {
  const seen = new Map<string, BucketRef>();
  for (const cover of covers) for (const b of cover) seen.set(bucketId(b), b);
  return [...seen.values()];
}

export { floorTo };
