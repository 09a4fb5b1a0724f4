/**
 * A sparse set of named counters (key → count). Buckets, windows and deltas are all counter sets; merging is
 * adding, so any window is the sum of the buckets that tile it. O(keys) per merge.
 */
export type CounterSet = Map<string, number>;

export function addCounter(set: CounterSet, key: string, n = 1): void {
  set.set(key, (set.get(key) ?? 0) + n);
}

export function mergeCounters(into: CounterSet, from: ReadonlyMap<string, number>): CounterSet {
  for (const [k, v] of from) addCounter(into, k, v);
  return into;
}

export function sumCounters(sets: Iterable<ReadonlyMap<string, number>>): CounterSet {
  const out: CounterSet = new Map();
  for (const s of sets) mergeCounters(out, s);
  return out;
}

/** A plain object with keys sorted, for JSON output and comparisons; zero counters are dropped. */
export function countersToRecord(set: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...set.keys()].sort()) {
    const v = set.get(k) ?? 0;
    if (v !== 0) out[k] = v;
  }
  return out;
}
