/**
 * Growth factor of the arrays below: fourfold rather than twofold, so a column of millions of values is
 * reallocated (and the garbage collector told of the new external memory) half as often.
 */
const GROWTH = 4;

/** A Float64Array that grows geometrically: O(1) amortised per push, no per-value object. */
export class GrowableFloat64 {
  #data: Float64Array;
  #length = 0;

  constructor(capacity = 1024) {
    this.#data = new Float64Array(capacity);
  }

  /** Takes `values` over as its content (no copy): the caller must not modify them afterwards. */
  static adopt(values: Float64Array): GrowableFloat64 {
    const out = new GrowableFloat64(0);
    out.#data = values;
    out.#length = values.length;
    return out;
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Float64Array(Math.max(1024, this.#data.length * GROWTH));
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

/** An Int32Array that grows geometrically, like {@link GrowableFloat64}. */
export class GrowableInt32 {
  #data: Int32Array;
  #length = 0;

  constructor(capacity = 1024) {
    this.#data = new Int32Array(capacity);
  }

  /** Takes `values` over as its content (no copy): the caller must not modify them afterwards. */
  static adopt(values: Int32Array): GrowableInt32 {
    const out = new GrowableInt32(0);
    out.#data = values;
    out.#length = values.length;
    return out;
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Int32Array(Math.max(1024, this.#data.length * GROWTH));
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  /** The values pushed so far (a view, valid until the next push). */
  view(): Int32Array {
    return this.#data.subarray(0, this.#length);
  }
}
