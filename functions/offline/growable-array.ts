/**
 * Growth factor of the arrays below: fourfold rather than twofold, so a column of millions of values is
 * reallocated (and the garbage collector told of the new external memory) half as often.
 */
const GROWTH = 4;
const MIN_CAPACITY = 1024;

/** A typed array that grows geometrically: O(1) amortised per push, no per-value object. */
class GrowableArray<T extends Float64Array | Int32Array> {
  #data: T;
  #length = 0;
  readonly #allocate: (length: number) => T;

  protected constructor(allocate: (length: number) => T, capacity: number) {
    this.#allocate = allocate;
    this.#data = allocate(capacity);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = this.#allocate(Math.max(MIN_CAPACITY, this.#data.length * GROWTH));
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  /** The values pushed so far (a view, valid until the next push). */
  view(): T {
    return this.#data.subarray(0, this.#length) as T;
  }
}

/** Float64 values (times, feature values) that grow with the file. */
export class GrowableFloat64 extends GrowableArray<Float64Array> {
  constructor(capacity = MIN_CAPACITY) {
    super((length) => new Float64Array(length), capacity);
  }
}

/** Int32 values (counter ids, minute marks) that grow with the file. */
export class GrowableInt32 extends GrowableArray<Int32Array> {
  constructor(capacity = MIN_CAPACITY) {
    super((length) => new Int32Array(length), capacity);
  }
}
