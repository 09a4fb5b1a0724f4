import type { CodeUnits } from './string-key-table.ts';

/**
 * An append-only list of texts stored as UTF-16 code units in one growing Uint16Array: the offline
 * evaluator keeps the event id of every filled label and task slot here, to tell a re-sent event (same id:
 * a duplicate) from a different one (a conflict) without holding a string per event. Append: O(length).
 */
export class TextList {
  #units = new Uint16Array(1 << 16);
  #used = 0;
  #starts = new Int32Array(1024);
  #ends = new Int32Array(1024);
  #size = 0;

  #reserve(length: number): number {
    const index = this.#size++;
    if (index === this.#starts.length) {
      const starts = new Int32Array(2 * index);
      starts.set(this.#starts);
      this.#starts = starts;
      const ends = new Int32Array(2 * index);
      ends.set(this.#ends);
      this.#ends = ends;
    }
    if (this.#used + length > this.#units.length) {
      const units = new Uint16Array(Math.max(2 * this.#units.length, this.#used + length));
      units.set(this.#units.subarray(0, this.#used));
      this.#units = units;
    }
    this.#starts[index] = this.#used;
    this.#used += length;
    this.#ends[index] = this.#used;
    return index;
  }

  /** Appends units[start, end) and returns its index. */
  push(units: CodeUnits, start: number, end: number): number {
    const index = this.#reserve(end - start);
    // A copy loop: subarray() would allocate a view per text.
    const stored = this.#units;
    const at = (this.#starts[index] as number) - start;
    for (let i = start; i < end; i++) stored[at + i] = units[i] as number;
    return index;
  }

  /** Whether text `index` equals units[start, end). */
  equals(index: number, units: CodeUnits, start: number, end: number): boolean {
    const at = this.#starts[index] as number;
    if ((this.#ends[index] as number) - at !== end - start) return false;
    for (let i = start; i < end; i++) if (this.#units[at + i - start] !== units[i]) return false;
    return true;
  }
}
