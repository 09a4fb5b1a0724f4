import { coverRange } from '../domain/buckets/cover-window.ts';
import { GRANULARITY_MS } from '../domain/buckets/granularity.ts';
import type { CounterSet } from '../domain/counters/counter-set.ts';

const MINUTE = GRANULARITY_MS['1m'];
const HOUR = GRANULARITY_MS['1h'];
const DAY = GRANULARITY_MS['1d'];
/** Hour logs kept at hand for writing (a power of two). */
const RECENT_HOURS = 8;

/** Counts of one bucket as parallel arrays: key ids and their counts. */
interface SparseCounts {
  readonly ids: Int32Array;
  readonly counts: Float64Array;
}

const EMPTY: SparseCounts = { ids: new Int32Array(0), counts: new Float64Array(0) };

/** The hour and day sums of the logs, and memoised finer buckets. */
interface Index {
  /** Hour start → position of its sum. */
  readonly hourGroup: Map<number, number>;
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

/** Entries of an hour log's first block: most hours of a sparse history hold a handful of increments. */
const FIRST_BLOCK_ENTRIES = 64;
/** The most entries of a block; each block of a log is four times its previous one, up to this. */
const MAX_BLOCK_ENTRIES = 2048;
/** Entries of one slab, the pool's unit of allocation (1 MiB). */
const SLAB_ENTRIES = 1 << 18;

/**
 * Blocks of entries cut from large slabs. Hour logs grow by taking blocks, never by reallocating and
 * copying, so a million events cost a few dozen allocations instead of several per hour (each of which the
 * garbage collector is told about as external memory, and answers with collections).
 */
class BlockPool {
  #slab = new Int32Array(0);
  #next = 0;

  take(entries: number): Int32Array {
    if (this.#next + entries > this.#slab.length) {
      this.#slab = new Int32Array(SLAB_ENTRIES);
      this.#next = 0;
    }
    const block = this.#slab.subarray(this.#next, this.#next + entries);
    this.#next += entries;
    return block;
  }
}

/**
 * One hour's increments in insertion order, as one list of key ids in which a minute mark (a negative
 * number) precedes every run of increments of the same minute: an event's several counters share their
 * minute, so the minute is written once per run instead of once per increment. The list is kept in blocks
 * taken from a shared pool.
 */
class HourLog {
  readonly #pool: BlockPool;
  readonly #blocks: Int32Array[] = [];
  #block: Int32Array;
  /** Entries used in #block. */
  #used = 0;
  /** The minute of the last mark written, -1 before the first. */
  markedMinute = -1;

  constructor(
    readonly start: number,
    pool: BlockPool,
  ) {
    this.#pool = pool;
    this.#block = pool.take(FIRST_BLOCK_ENTRIES);
    this.#blocks.push(this.#block);
  }

  /** Appends one increment of key `id` in the minute `minute` (0–59) of the hour. */
  push(minute: number, id: number): void {
    if (minute !== this.markedMinute) {
      this.#append(-1 - minute);
      this.markedMinute = minute;
    }
    this.#append(id);
  }

  #append(entry: number): void {
    if (this.#used === this.#block.length) {
      this.#block = this.#pool.take(Math.min(MAX_BLOCK_ENTRIES, 4 * this.#block.length));
      this.#blocks.push(this.#block);
      this.#used = 0;
    }
    this.#block[this.#used++] = entry;
  }

  /** The entries so far, block by block (views, valid until the next push). */
  entryBlocks(): Int32Array[] {
    const last = this.#blocks.length - 1;
    return this.#blocks.map((block, i) => (i === last ? block.subarray(0, this.#used) : block));
  }
}

/** The minute (0–59 within its hour) of a mark in an HourLog's entries. */
function markedMinute(entry: number): number {
  return -1 - entry;
}

/**
 * One monitor's counters. Each increment is appended to its hour's log (its minute and its interned key id),
 * so adding costs one array write, and one more for a minute mark when the minute changes. A counter key (a
 * string like `dec␟main␟control`) is hashed only when the fold first meets it (InternedFold); from then on
 * it is a small integer. Logs are kept by hour as they are written, which leaves no sorting to do later.
 * Reading is by ranges: the first read after new increments sums every hour and every day; a range is then
 * the sum of the fewest 1m / 10m / 1h / 1d buckets that tile it (coverRange — the rule the pipeline's State
 * table follows), minute and 10-minute buckets being summed from their hour's entries when first asked for.
 * A 30-day window costs about 30 day buckets plus its edges.
 * Adding: O(1) amortised. Index: O(entries + hours). Range sum: O(buckets + keys in them).
 */
export class MinuteCounterIndex {
  readonly #keys: string[] = [];
  readonly #pool = new BlockPool();
  readonly #ids = new Map<string, number>();
  /** The increments by hour start; hours are created as increments arrive, in any order. */
  readonly #hours = new Map<number, HourLog>();
  /** The hour written last: files are nearly in time order, so it is usually the next one's too. */
  #lastHour: HourLog | undefined;
  /**
   * Logs of recent hours by hour number modulo RECENT_HOURS: a label is counted at its decision's time and a
   * task's counters at its start, so writes alternate between the current hour and the last few, which
   * this finds without a Map lookup.
   */
  readonly #recentHours: (HourLog | undefined)[] = new Array(RECENT_HOURS).fill(undefined);
  /** The hour start and the minute within it (0–59) chosen by the last `at`. */
  #hour = Number.NaN;
  #minute = 0;
  #entries = 0;
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
    this.at(time);
    this.countAt(id);
  }

  /**
   * Makes the minute holding `time` (epoch ms) the one {@link countAt} counts into. An event adds several
   * counters at one time, so its minute and hour log are looked up once rather than once per counter.
   * O(1) amortised.
   */
  at(time: number): void {
    const minute = Math.floor(time / MINUTE) * MINUTE;
    const hour = Math.floor(minute / HOUR) * HOUR;
    this.#hour = hour;
    this.#minute = (minute - hour) / MINUTE;
  }

  /** Counts one occurrence of the interned key `id` in the minute chosen by the last {@link at}. O(1) amortised. */
  countAt(id: number): void {
    let log = this.#lastHour;
    if (log === undefined || log.start !== this.#hour) log = this.#hourLog();
    log.push(this.#minute, id);
    this.#entries++;
    this.#index = undefined;
  }

  /** The log of the hour chosen by the last `at`, created on first use; it becomes #lastHour. */
  #hourLog(): HourLog {
    const hour = this.#hour;
    if (Number.isNaN(hour)) throw new Error('countAt before at: no minute chosen');
    const slot = (hour / HOUR) & (RECENT_HOURS - 1);
    let log = this.#recentHours[slot];
    if (log === undefined || log.start !== hour) {
      log = this.#hours.get(hour);
      if (log === undefined) {
        log = new HourLog(hour, this.#pool);
        this.#hours.set(hour, log);
      }
      this.#recentHours[slot] = log;
    }
    this.#lastHour = log;
    return log;
  }

  #build(): Index {
    if (this.#index) return this.#index;
    const logs = [...this.#hours.values()].sort((x, y) => x.start - y.start);
    const acc = this.#acc;
    acc.reset(this.#keys.length);
    const hourGroup = new Map<number, number>();
    const hourSums: SparseCounts[] = [];
    for (let g = 0; g < logs.length; g++) {
      const log = logs[g] as HourLog;
      hourGroup.set(log.start, g);
      for (const entries of log.entryBlocks())
        for (let i = 0; i < entries.length; i++) {
          const id = entries[i] as number;
          if (id >= 0) acc.add(id, 1);
        }
      hourSums.push(acc.take());
    }
    const daySums = new Map<number, SparseCounts>();
    for (let g = 0; g < logs.length; ) {
      const day = Math.floor((logs[g] as HourLog).start / DAY) * DAY;
      while (g < logs.length && (logs[g] as HourLog).start < day + DAY)
        acc.addSparse(hourSums[g++] as SparseCounts);
      daySums.set(day, acc.take());
    }
    this.#index = { hourGroup, hourSums, daySums, finer: new Map() };
    return this.#index;
  }

  /** A 1m or 10m bucket, summed from its hour's entries on first request. */
  #finer(index: Index, start: number, size: number): SparseCounts {
    const memo = `${size}:${start}`;
    let sums = index.finer.get(memo);
    if (sums) return sums;
    const log = this.#hours.get(Math.floor(start / HOUR) * HOUR);
    if (log === undefined) {
      sums = EMPTY;
    } else {
      const acc = this.#finerAcc;
      acc.reset(this.#keys.length);
      const end = start + size;
      let inRange = false;
      for (const entries of log.entryBlocks())
        for (let i = 0; i < entries.length; i++) {
          const id = entries[i] as number;
          if (id < 0) {
            const m = log.start + markedMinute(id) * MINUTE;
            inRange = m >= start && m < end;
          } else if (inRange) {
            acc.add(id, 1);
          }
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
    const starts = new Set<number>();
    for (const log of this.#hours.values())
      for (const entries of log.entryBlocks())
        for (const entry of entries) if (entry < 0) starts.add(log.start + markedMinute(entry) * MINUTE);
    return [...starts].sort((a, b) => a - b);
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
    if (start >= end || this.#entries === 0) return new Map();
    const index = this.#build();
    const acc = this.#acc;
    acc.reset(this.#keys.length);
    for (const ref of coverRange(start, end)) acc.addSparse(this.#bucket(index, ref.granularity, ref.start));
    return this.#toCounterSet(acc.take());
  }
}
