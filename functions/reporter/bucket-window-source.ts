import { coverRange } from '../domain/buckets/cover-window.ts';
import { type BucketRef, bucketId, GRANULARITY_MS, type Granularity } from '../domain/buckets/granularity.ts';
import { addCounter, type CounterSet } from '../domain/counters/counter-set.ts';

/** The counters of one bucket of one monitor; undefined when the bucket holds nothing. */
export type BucketLookup = (monitor: string, ref: BucketRef) => ReadonlyMap<string, number> | undefined;

/**
 * The counters of [from, to) as the pipeline reads them: the sum of the fewest buckets that tile the range
 * (`coverRange`). Both report sources answer ranges this way, the pipeline one from prefetched DynamoDB
 * items and the offline one from memoised sums of minute counters, so a 30-day period costs ~30 bucket
 * merges instead of 43,200 minute merges. O(buckets × keys).
 * @example sumOfCover(lookup, 'fraud-screening', weekStart, weekEnd).get('dec\u001fcard\u001fcontrol')
 */
export function sumOfCover(lookup: BucketLookup, monitor: string, from: number, to: number): CounterSet {
  const out: CounterSet = new Map();
  if (from >= to) return out;
  for (const ref of coverRange(from, to)) {
    const set = lookup(monitor, ref);
    if (set) for (const [k, v] of set) addCounter(out, k, v);
  }
  return out;
}

const FINER: Readonly<Record<Exclude<Granularity, '1m'>, Granularity>> = {
  '10m': '1m',
  '1h': '10m',
  '1d': '1h',
};

/**
 * Buckets of every granularity built lazily from minute counters and memoised: a 10-minute bucket is the sum
 * of its minutes, an hour of its 10-minute buckets, a day of its hours — the same sums the aggregator writes.
 * Each bucket is summed once, so memory grows with the buckets read and time with the counters summed.
 * Complexity: O(counters summed), each bucket once.
 * @example memoisedBuckets((m, t) => pipeline.minuteCounters.get(m)?.get(t))(monitor, { granularity: '1d', start })
 */
export function memoisedBuckets(
  minute: (monitor: string, start: number) => ReadonlyMap<string, number> | undefined,
): BucketLookup {
  const cache = new Map<string, CounterSet | undefined>();
  const lookup: BucketLookup = (monitor, ref) => {
    if (ref.granularity === '1m') return minute(monitor, ref.start);
    const key = `${monitor}\u001f${bucketId(ref)}`;
    if (cache.has(key)) return cache.get(key);
    const finer = FINER[ref.granularity];
    const step = GRANULARITY_MS[finer];
    let out: CounterSet | undefined;
    for (let t = ref.start; t < ref.start + GRANULARITY_MS[ref.granularity]; t += step) {
      const part = lookup(monitor, { granularity: finer, start: t });
      if (!part) continue;
      out ??= new Map();
      for (const [k, v] of part) addCounter(out, k, v);
    }
    cache.set(key, out);
    return out;
  };
  return lookup;
}

/**
 * Memoises range sums across evaluations: the report evaluates a monitor at nine instants whose windows and
 * timeslices overlap (a 30-day period ending on consecutive nights shares 29 days of hourly slices), and
 * `evaluateMonitor` only caches within one evaluation. The sets returned are shared: callers must not
 * modify them (evaluateMonitor only reads). Memory O(distinct ranges × keys).
 * @example const counters = cachedRanges((m, from, to) => sumOfCover(lookup, m, from, to))
 */
export function cachedRanges(
  counters: (monitor: string, from: number, to: number) => CounterSet,
): (monitor: string, from: number, to: number) => CounterSet {
  const cache = new Map<string, CounterSet>();
  return (monitor, from, to) => {
    const key = `${monitor}\u001f${from}\u001f${to}`;
    let set = cache.get(key);
    if (!set) {
      set = counters(monitor, from, to);
      cache.set(key, set);
    }
    return set;
  };
}
