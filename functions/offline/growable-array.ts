/**
 * Growth factor of the arrays below: fourfold rather than twofold, so a column of millions of values is
 * reallocated (and the garbage collector told of the new external memory) half as often.
 */
const GROWTH = 4;
const MIN_CAPACITY = 1024;

/** Float64 values (times, feature values) that grow with the file: O(1) amortised per push, no per-value object. */
export class GrowableFloat64 {
  #data: Float64Array;
  #length = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.#data = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Float64Array(Math.max(MIN_CAPACITY, this.#data.length * GROWTH));
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  /** The values pushed so far (a view, valid until the next push). */
  view(): Float64Array {
    return this.#data.subarray(0, this.#length);
  }
}
