import { coverRange } from '../domain/buckets/cover-window.ts';
import { GRANULARITY_MS } from '../domain/buckets/granularity.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';
import { GrowableFloat64, GrowableInt32 } from './growable-array.ts';

const MINUTE = GRANULARITY_MS['1m'];
const HOUR = GRANULARITY_MS['1h'];
const DAY = GRANULARITY_MS['1d'];
/** Spans of up to this many hours are grouped with a counting sort; wider ones sort their distinct hours. */
const MAX_DENSE_HOURS = 1 << 20;

/** Counts of one bucket as parallel arrays: key ids and their counts. */
interface SparseCounts {
  readonly ids: Int32Array;
  readonly counts: Float64Array;
}

const EMPTY: SparseCounts = { ids: new Int32Array(0), counts: new Float64Array(0) };

/** The log grouped by hour, with the hour and day sums and memoised finer buckets. */
interface Index {
  /** Hour start → position of its group. */
  readonly hourGroup: Map<number, number>;
  /** Group g holds entries offsets[g] .. offsets[g + 1] − 1 of `minutes` / `ids`, in insertion order. */
  readonly offsets: Int32Array;
  readonly minutes: Float64Array;
  readonly ids: Int32Array;
  readonly hourSums: SparseCounts[];
  readonly daySums: Map<number, SparseCounts>;
  /** 1m and 10m buckets summed on demand, by `${size}:${start}`. */
  readonly finer: Map<string, SparseCounts>;
}

/** Sums entries with ids[i] for i in [from, to) — or only those whose minute is in [lo, hi) — sparsely. */
class Accumulator {
  #acc = new Float64Array(0);
  readonly #touched: number[] = [];

  reset(keys: number): void {
    if (this.#acc.length < keys) this.#acc = new Float64Array(Math.max(keys, 2 * this.#acc.length));
  }

  add(id: number, n: number): void {
    const acc = this.#acc;
    if (acc[id] === 0) this.#touched.push(id);
    acc[id] = (acc[id] as number) + n;
  }

  addSparse(part: SparseCounts): void {
    for (let i = 0; i < part.ids.length; i++) this.add(part.ids[i] as number, part.counts[i] as number);
  }

  /** The sums so far, in order of first appearance; clears the accumulator. */
  take(): SparseCounts {
    const touched = this.#touched;
    const ids = new Int32Array(touched.length);
    const counts = new Float64Array(touched.length);
    let k = 0;
    for (const id of touched) {
      const n = this.#acc[id] as number;
      this.#acc[id] = 0;
      if (n === 0) continue;
      ids[k] = id;
      counts[k] = n;
      k++;
    }
    touched.length = 0;
    return k === ids.length ? { ids, counts } : { ids: ids.subarray(0, k), counts: counts.subarray(0, k) };
  }
}

/** Every entry's hour ranked among the distinct hours (in time order), and those hours' starts. */
function rankHours(minutes: Float64Array): { rankOf: Int32Array; hourStarts: number[] } {
  const n = minutes.length;
  const hours = new Float64Array(n);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const h = Math.floor((minutes[i] as number) / HOUR);
    hours[i] = h;
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  }
  const rankOf = new Int32Array(n);
  const hourStarts: number[] = [];
  if (n === 0) return { rankOf, hourStarts };
  if (hi - lo < MAX_DENSE_HOURS) {
    const rank = new Int32Array(hi - lo + 1).fill(-1);
    for (let i = 0; i < n; i++) rank[(hours[i] as number) - lo] = 0;
    for (let h = 0; h < rank.length; h++) {
      if (rank[h] === 0) {
        rank[h] = hourStarts.length;
        hourStarts.push((h + lo) * HOUR);
      }
    }
    for (let i = 0; i < n; i++) rankOf[i] = rank[(hours[i] as number) - lo] as number;
    return { rankOf, hourStarts };
  }
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  const rank = new Map(sorted.map((h, r) => [h, r]));
  for (const h of sorted) hourStarts.push(h * HOUR);
  for (let i = 0; i < n; i++) rankOf[i] = rank.get(hours[i] as number) as number;
  return { rankOf, hourStarts };
}

/** Start offsets of each group in a counting sort by rank (offsets[groups] = entries). */
function groupOffsets(rankOf: Int32Array, groups: number): Int32Array {
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < rankOf.length; i++) {
    const g = (rankOf[i] as number) + 1;
    offsets[g] = (offsets[g] as number) + 1;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1] = (offsets[g + 1] as number) + (offsets[g] as number);
  return offsets;
}

/** The stable counting sort's scatter: entries of each group in insertion order. */
function scatterByGroup(
  rankOf: Int32Array,
  offsets: Int32Array,
  minutes: Float64Array,
  ids: Int32Array,
  sortedMinutes: Float64Array,
  sortedIds: Int32Array,
): void {
  const next = offsets.slice(0, offsets.length - 1);
  for (let i = 0; i < rankOf.length; i++) {
    const g = rankOf[i] as number;
    const at = next[g] as number;
    next[g] = at + 1;
    sortedMinutes[at] = minutes[i] as number;
    sortedIds[at] = ids[i] as number;
  }
}

/**
 * One monitor's counters. Each increment is appended to a log (its minute and its interned key id), so
 * adding costs two array writes: a counter key (a string like `dec␟main␟control`) is hashed only when the
 * fold first meets it (InternedFold), and from then on it is a small integer. Reading is by ranges: the
 * first read after new increments groups the log by hour (a counting sort) and sums every hour and every day;
 * a range is then the sum of the fewest 1m / 10m / 1h / 1d buckets that tile it (coverRange — the rule the
 * pipeline's State table follows), minute and 10-minute buckets being summed from their hour's entries when
 * first asked for. A 30-day window costs about 30 day buckets plus its edges.
 * Adding: O(1) amortised. Index: O(entries + hours). Range sum: O(buckets + keys in them).
 */
export class MinuteCounterIndex {
  readonly #keys: string[] = [];
  readonly #ids = new Map<string, number>();
  #logMinutes = new GrowableFloat64();
  #logIds = new GrowableInt32();
  #index: Index | undefined;
  readonly #acc = new Accumulator();
  /** A second accumulator for the finer buckets summed while a range sum is in progress. */
  readonly #finerAcc = new Accumulator();

  /** The id of `key`, interning it on first sight. O(length of key). */
  intern(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.length;
      this.#keys.push(key);
      this.#ids.set(key, id);
    }
    return id;
  }

  /** Counts one occurrence of `key` in the minute holding `time` (epoch ms). */
  add(time: number, key: string): void {
    this.addId(time, this.intern(key));
  }

  /** Counts one occurrence of the interned key `id` in the minute holding `time` (epoch ms). O(1) amortised. */
  addId(time: number, id: number): void {
    this.#logMinutes.push(Math.floor(time / MINUTE) * MINUTE);
    this.#logIds.push(id);
    this.#index = undefined;
  }

  #build(): Index {
    if (this.#index) return this.#index;
    const minutes = this.#logMinutes.view();
    const ids = this.#logIds.view();
    const n = minutes.length;
    const { rankOf, hourStarts } = rankHours(minutes);
    const groups = hourStarts.length;
    const offsets = groupOffsets(rankOf, groups);
    const sortedMinutes = new Float64Array(n);
    const sortedIds = new Int32Array(n);
    scatterByGroup(rankOf, offsets, minutes, ids, sortedMinutes, sortedIds);
    // The grouped log replaces the raw one: later increments append to it and trigger a new grouping.
    this.#logMinutes = GrowableFloat64.adopt(sortedMinutes);
    this.#logIds = GrowableInt32.adopt(sortedIds);
    const acc = this.#acc;
    acc.reset(this.#keys.length);
    const hourGroup = new Map<number, number>();
    const hourSums: SparseCounts[] = [];
    for (let g = 0; g < groups; g++) {
      hourGroup.set(hourStarts[g] as number, g);
      for (let i = offsets[g] as number; i < (offsets[g + 1] as number); i++)
        acc.add(sortedIds[i] as number, 1);
      hourSums.push(acc.take());
    }
    const daySums = new Map<number, SparseCounts>();
    for (let g = 0; g < groups; ) {
      const day = Math.floor((hourStarts[g] as number) / DAY) * DAY;
      while (g < groups && (hourStarts[g] as number) < day + DAY)
        acc.addSparse(hourSums[g++] as SparseCounts);
      daySums.set(day, acc.take());
    }
    this.#index = {
      hourGroup,
      offsets,
      minutes: sortedMinutes,
      ids: sortedIds,
      hourSums,
      daySums,
      finer: new Map(),
    };
    return this.#index;
  }

  /** A 1m or 10m bucket, summed from its hour's entries on first request. */
  #finer(index: Index, start: number, size: number): SparseCounts {
    const memo = `${size}:${start}`;
    let sums = index.finer.get(memo);
    if (sums) return sums;
    const g = index.hourGroup.get(Math.floor(start / HOUR) * HOUR);
    if (g === undefined) {
      sums = EMPTY;
    } else {
      const acc = this.#finerAcc;
      acc.reset(this.#keys.length);
      const end = start + size;
      for (let i = index.offsets[g] as number; i < (index.offsets[g + 1] as number); i++) {
        const m = index.minutes[i] as number;
        if (m >= start && m < end) acc.add(index.ids[i] as number, 1);
      }
      sums = acc.take();
    }
    index.finer.set(memo, sums);
    return sums;
  }

  #bucket(index: Index, granularity: '1m' | '10m' | '1h' | '1d', start: number): SparseCounts {
    switch (granularity) {
      case '1d':
        return index.daySums.get(start) ?? EMPTY;
      case '1h': {
        const g = index.hourGroup.get(start);
        return g === undefined ? EMPTY : (index.hourSums[g] ?? EMPTY);
      }
      default:
        return this.#finer(index, start, GRANULARITY_MS[granularity]);
    }
  }

  #toCounterSet(sums: SparseCounts): CounterSet {
    const out: CounterSet = new Map();
    for (let i = 0; i < sums.ids.length; i++)
      out.set(this.#keys[sums.ids[i] as number] as string, sums.counts[i] as number);
    return out;
  }

  /** Starts of the minutes that hold counts, ascending. O(entries). */
  minuteStarts(): number[] {
    return [...new Set(this.#build().minutes)].sort((a, b) => a - b);
  }

  /** The counters of one minute; undefined when it holds none. */
  minute(start: number): CounterSet | undefined {
    const sums = this.#finer(this.#build(), start, MINUTE);
    return sums.ids.length === 0 ? undefined : this.#toCounterSet(sums);
  }

  /**
   * The summed counters of the minutes whose start lies in [from, to). Edges need not be minute-aligned:
   * a minute counts when its start is in the range, as if the range were rounded up to minutes.
   */
  sum(from: number, to: number): CounterSet {
    const start = Math.ceil(from / MINUTE) * MINUTE;
    const end = Math.ceil(to / MINUTE) * MINUTE;
    if (start >= end || this.#logIds.length === 0) return new Map();
    const index = this.#build();
    const acc = this.#acc;
    acc.reset(this.#keys.length);
    for (const ref of coverRange(start, end)) acc.addSparse(this.#bucket(index, ref.granularity, ref.start));
    return this.#toCounterSet(acc.take());
  }
}
