/**
 * Code units of text given either as a JS string or as a range of a byte buffer holding ASCII (where each
 * byte is one UTF-16 code unit). Tables keyed on code units treat both forms as the same text, so a line
 * read by the byte parser and the same line read through JSON.parse find the same entry, and any JS string
 * (non-ASCII, even a lone surrogate) keeps its exact identity.
 */
export type CodeUnits = Uint8Array | Uint16Array;

const EMPTY_SLOT = -1;
const MIN_SLOTS = 32;

/** FNV-1a (32-bit): the offset basis and the prime. A reader that hashes text as it scans uses these. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over code units, the same for a string and for its ASCII bytes. O(length). */
export function hashCodeUnits(units: CodeUnits, start: number, end: number): number {
  let h = FNV_OFFSET_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (units[i] as number), FNV_PRIME);
  return h | 0;
}

/**
 * Interns texts as dense ids (0, 1, 2, … in order of first sight) without building a JS string per lookup:
 * an open-addressing hash table whose keys live in one growing Uint16Array. The offline evaluator keys
 * records by the producer's ids and names features and labels by id through it, so a million events cost a
 * few typed arrays rather than a million strings and map entries for the garbage collector to trace.
 * Each slot holds a key's hash beside its id, and each id's start beside its length, so a lookup in a large
 * table touches three cache lines: the slot, the id's place, its text. Lookup and insertion: O(length of
 * the text) expected.
 */
export class StringKeyTable {
  #units = new Uint16Array(1024);
  #unitsUsed = 0;
  /** Per id: start, length. */
  #places = new Int32Array(2 * MIN_SLOTS);
  #size = 0;
  /** Per slot: hash, id (or EMPTY_SLOT); a power of two of slots, kept at most half full. */
  #slots = new Int32Array(2 * 2 * MIN_SLOTS).fill(EMPTY_SLOT);
  /** Texts of ids already asked for as strings. */
  readonly #texts = new Map<number, string>();

  /** Number of distinct texts interned. */
  get size(): number {
    return this.#size;
  }

  #equalsUnits(id: number, units: CodeUnits, start: number, length: number): boolean {
    if (this.#places[2 * id + 1] !== length) return false;
    const stored = this.#units;
    const at = (this.#places[2 * id] as number) - start;
    for (let i = start; i < start + length; i++) if (stored[at + i] !== units[i]) return false;
    return true;
  }

  /**
   * The id of the text units[start, end) whose hash is `hash`; when it was never interned, -1 - the free slot
   * where it would go. O(length) expected.
   */
  #probe(units: CodeUnits, start: number, end: number, hash: number): number {
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot + 1] as number;
      if (id === EMPTY_SLOT) return -1 - slot;
      if (slots[2 * slot] === hash && this.#equalsUnits(id, units, start, end - start)) return id;
    }
  }

  /** The id of the text units[start, end), or -1 when it was never interned. */
  find(units: CodeUnits, start: number, end: number): number {
    return Math.max(-1, this.#probe(units, start, end, hashCodeUnits(units, start, end)));
  }

  /** The id of the text units[start, end), interning it on first sight. */
  intern(units: CodeUnits, start: number, end: number): number {
    return this.internHashed(units, start, end, hashCodeUnits(units, start, end));
  }

  /**
   * Like {@link intern}, for a caller that already has the text's hashCodeUnits (a reader that hashed the
   * bytes while scanning them), so the text is not read twice.
   */
  internHashed(units: CodeUnits, start: number, end: number, hash: number): number {
    const found = this.#probe(units, start, end, hash);
    if (found >= 0) return found;
    const id = this.#add(hash, end - start, -1 - found);
    // A copy loop: subarray() would allocate a view per new text.
    const stored = this.#units;
    const at = (this.#places[2 * id] as number) - start;
    for (let i = start; i < end; i++) stored[at + i] = units[i] as number;
    return id;
  }

  /**
   * Like {@link intern}, but first compares with the ids in `recent` (a caller's small cache of the ids it
   * met last for one field, -1 when empty), which for a field with a handful of values (a monitor, a
   * variant, a class) is cheaper than hashing. A miss takes the place of the oldest entry.
   */
  internRecent(units: CodeUnits, start: number, end: number, recent: Int32Array): number {
    const length = end - start;
    const last = recent.length - 1;
    for (let k = 0; k <= last; k++) {
      const id = recent[k] as number;
      if (id < 0) break;
      if (this.#equalsUnits(id, units, start, length)) return id;
    }
    const id = this.intern(units, start, end);
    recent.copyWithin(1, 0, last);
    recent[0] = id;
    return id;
  }

  /**
   * The id of `text`, interning it on first sight. Its code units are copied out first: callers intern a
   * handful of names this way (configured features, defaults), never per event.
   */
  internString(text: string): number {
    const units = Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
    const id = this.intern(units, 0, units.length);
    this.#texts.set(id, text);
    return id;
  }

  /** Reserves room for a new entry of `length` units in the free `slot` and returns its id. */
  #add(hash: number, length: number, slot: number): number {
    const id = this.#size++;
    if (2 * id === this.#places.length) {
      const places = new Int32Array(2 * this.#places.length);
      places.set(this.#places);
      this.#places = places;
    }
    if (this.#unitsUsed + length > this.#units.length) {
      const units = new Uint16Array(Math.max(2 * this.#units.length, this.#unitsUsed + length));
      units.set(this.#units.subarray(0, this.#unitsUsed));
      this.#units = units;
    }
    this.#places[2 * id] = this.#unitsUsed;
    this.#places[2 * id + 1] = length;
    this.#unitsUsed += length;
    this.#slots[2 * slot] = hash;
    this.#slots[2 * slot + 1] = id;
    if (4 * this.#size > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const old = this.#slots;
    const slots = new Int32Array(2 * old.length).fill(EMPTY_SLOT);
    const mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      const id = old[s + 1] as number;
      if (id === EMPTY_SLOT) continue;
      const hash = old[s] as number;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = id;
    }
    this.#slots = slots;
  }

  /** Whether the text of `id` equals units[start, end). */
  equals(id: number, units: CodeUnits, start: number, end: number): boolean {
    return this.#equalsUnits(id, units, start, end - start);
  }

  /** The text of an id, built once and remembered. */
  text(id: number): string {
    let text = this.#texts.get(id);
    if (text === undefined) {
      const at = this.#places[2 * id] as number;
      text = String.fromCharCode(...this.#units.subarray(at, at + (this.#places[2 * id + 1] as number)));
      this.#texts.set(id, text);
    }
    return text;
  }
}
