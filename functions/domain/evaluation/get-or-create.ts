/**
 * The value of `key` in `map`, made by `create` and stored on first use: how a summary starts the histogram,
 * matrix or count map of a name the first time a counter names it. O(1) expected.
 *
 * @example getOrCreate(histograms, 'amount', () => new SparseHistogram()).addToBin(3, 1)
 */
export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
