import { COUNTER_KINDS as K, parseCounterKey } from '../counters/counter-key.ts';
import { CONFIDENCE_BINS } from '../counters/decision-deltas.ts';
import { STORED_TASK_OUTCOMES } from '../counters/task-deltas.ts';
import { parseBinKey } from '../histogram/log-buckets.ts';
import { pairKey } from '../metrics/grouped-metrics.ts';
import { type CounterPart, isFeatureKey } from './counter-part.ts';

/**
 * What a window summary builds from a counter: the field of {@link WindowSummary} it lands in. Counters the
 * summary cannot place (newer kinds, confidence bins or task outcomes this version does not know) are
 * `unknown`, exactly as summarizeCounters files them.
 */
export const SLOT_GROUPS = [
  'decisions',
  'labelled',
  'confusion',
  'predicted',
  'confidence',
  'numericFeatures',
  'categoricalFeatures',
  'missingFeatures',
  'tasksStarted',
  'taskOutcomes',
  'taskLatency',
  'unknown',
] as const;

export type SlotGroup = (typeof SLOT_GROUPS)[number];

/** A counter key decoded once: the summary field it feeds and the names and bin it is filed under. */
export interface SlotMeaning {
  readonly group: SlotGroup;
  /** Pair key (decisions, labelled, confusion), label, feature or task name; the whole key for unknown. */
  readonly name: string;
  /** Actual label (confusion), category (categorical feature) or stored outcome (task outcome). */
  readonly detail: string;
  /** Predicted label (confusion). */
  readonly predicted: string;
  /** Histogram bin index or confidence bin; NaN when a histogram key's bin does not parse. */
  readonly bin: number;
  /** The raw bin key of a histogram counter, kept to report a bad one with parseBinKey's own error. */
  readonly binKey: string;
}

const OUTCOMES = new Set<string>(STORED_TASK_OUTCOMES);

function plain(group: SlotGroup, name: string, detail = '', predicted = '', bin = 0): SlotMeaning {
  return { group, name, detail, predicted, bin, binKey: '' };
}

function histogramBin(group: SlotGroup, name: string, binKey: string): SlotMeaning {
  let bin = Number.NaN;
  try {
    bin = parseBinKey(binKey);
  } catch {
    // Only a window where this counter is non-zero may fail on it, as summarizeCounters does: see VectorSummary.
  }
  return { group, name, detail: '', predicted: '', bin, binKey };
}

function decodeKey(key: string): SlotMeaning {
  const { kind, dims } = parseCounterKey(key);
  const [a = '', b = '', c = '', d = ''] = dims;
  switch (kind) {
    case K.decisions:
      return plain('decisions', pairKey(a, b));
    case K.labelled:
      return plain('labelled', pairKey(a, b));
    case K.confusion:
      return plain('confusion', pairKey(a, b), c, d);
    case K.predicted:
      return plain('predicted', a);
    case K.confidence: {
      const bin = Number(a);
      if (Number.isInteger(bin) && bin >= 0 && bin < CONFIDENCE_BINS)
        return plain('confidence', a, '', '', bin);
      return plain('unknown', key);
    }
    case K.numericFeature:
      return histogramBin('numericFeatures', a, b);
    case K.categoricalFeature:
      return plain('categoricalFeatures', a, b);
    case K.missingFeature:
      return plain('missingFeatures', a);
    case K.tasksStarted:
      return plain('tasksStarted', a);
    case K.taskOutcome:
      return OUTCOMES.has(b) ? plain('taskOutcomes', a, b) : plain('unknown', key);
    case K.taskLatency:
      return histogramBin('taskLatency', a, b);
    default:
      return plain('unknown', key);
  }
}

/**
 * Decoded keys, remembered across evaluations: every monitor's layout meets the same few thousand keys each
 * run. Bounded so a stream of novel keys cannot grow it forever.
 */
const meanings = new Map<string, SlotMeaning>();
const MAX_REMEMBERED_MEANINGS = 200_000;

function meaningOf(key: string): SlotMeaning {
  let meaning = meanings.get(key);
  if (!meaning) {
    meaning = decodeKey(key);
    if (meanings.size >= MAX_REMEMBERED_MEANINGS) meanings.clear();
    meanings.set(key, meaning);
  }
  return meaning;
}

/** How many vectors of the current size one chunk holds. */
const VECTORS_PER_CHUNK = 64;

/**
 * Numbers the counter keys one evaluation meets ("slots") and decodes each key once. Counter sets — a bucket
 * or a range's sum — then become dense vectors of counts indexed by slot ({@link CounterLayout.vectorOf}),
 * which add up with a typed-array loop instead of a map update per key, and a window's summary is built
 * from the slots of the groups it needs. One layout serves one monitor's evaluation: slots only grow, so
 * every vector made earlier stays valid (slots beyond its length count zero).
 *
 * A layout of one {@link CounterPart} numbers the keys of that part only and leaves the others out of its
 * vectors; the evaluation keeps a core layout and a feature layout (range-reader.ts).
 */
export class CounterLayout {
  /** The part whose keys this layout numbers; undefined for every key. */
  readonly part: CounterPart | undefined;
  readonly #slots = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #meanings: SlotMeaning[] = [];
  readonly #byGroup = new Map<SlotGroup, number[]>(SLOT_GROUPS.map((g) => [g, []]));
  /** Scratch space for {@link vectorOf}: a counter set can add slots while it is being read. */
  #scratch = new Float64Array(1024);
  /** Where vectors are carved from (see {@link newVector}). */
  #chunk = new Float64Array(0);
  #chunkUsed = 0;

  /** @param part the part whose keys the layout numbers; every key when omitted */
  constructor(part?: CounterPart) {
    this.part = part;
  }

  /** Number of slots so far. */
  get size(): number {
    return this.#keys.length;
  }

  /** The slot of a counter key, numbering it on first sight. O(key length) the first time, O(1) after. */
  slotOf(key: string): number {
    return this.#slots.get(key) ?? this.#number(key);
  }

  /** Numbers a key not seen yet. */
  #number(key: string): number {
    const slot = this.#keys.length;
    const meaning = meaningOf(key);
    this.#slots.set(key, slot);
    this.#keys.push(key);
    this.#meanings.push(meaning);
    this.#byGroup.get(meaning.group)?.push(slot);
    return slot;
  }

  /** The counter key of a slot. */
  keyOf(slot: number): string {
    return this.#keys[slot] ?? '';
  }

  /** What a slot's counter means (see {@link SlotMeaning}). */
  meaningOf(slot: number): SlotMeaning | undefined {
    return this.#meanings[slot];
  }

  /** The slots of one summary group, in the order they were numbered. */
  slotsOf(group: SlotGroup): readonly number[] {
    return this.#byGroup.get(group) ?? [];
  }

  /**
   * A counter set as a dense vector of counts by slot (zero counters are skipped, as the summaries skip
   * them; so are the keys of another part). O(keys of the set) plus O(size) to copy the result out.
   */
  vectorOf(counters: ReadonlyMap<string, number>): Float64Array {
    const part = this.part;
    const features = part === 'features';
    const slots = this.#slots;
    const keys = this.#keys;
    // Counter sets from one store tend to list their keys in one order (an item's attributes, a sum built
    // by merging such items), so the slot after the previous key's is tried before hashing the key.
    let expected = 0;
    let scratch: Float64Array = this.#scratch;
    counters.forEach((n, key) => {
      if (n === 0) return;
      if (part !== undefined && isFeatureKey(key) !== features) return;
      const slot =
        expected < keys.length && keys[expected] === key ? expected : (slots.get(key) ?? this.#number(key));
      if (slot >= scratch.length) scratch = this.#grow(slot + 1);
      scratch[slot] = (scratch[slot] as number) + n;
      expected = slot + 1;
    });
    return this.#take();
  }

  /**
   * A counter set as two vectors in one pass over it: this layout's part and `other`'s, the rest of the keys
   * (a core layout and a feature layout). Equal to `[this.vectorOf(counters), other.vectorOf(counters)]`;
   * one pass because visiting a map's entries, not placing a count, is most of the cost of decoding a
   * bucket. O(keys of the set) plus O(size of both) to copy the results out.
   *
   * @throws {Error} unless the two layouts are of different parts.
   */
  vectorsOf(counters: ReadonlyMap<string, number>, other: CounterLayout): [Float64Array, Float64Array] {
    if (this.part === undefined || other.part === undefined || this.part === other.part)
      throw new Error('vectorsOf needs a core layout and a feature layout');
    const [core, features] = this.part === 'core' ? [this, other] : [other, this];
    const coreKeys = core.#keys;
    const featureKeys = features.#keys;
    let coreExpected = 0;
    let featureExpected = 0;
    let coreScratch: Float64Array = core.#scratch;
    let featureScratch: Float64Array = features.#scratch;
    counters.forEach((n, key) => {
      if (n === 0) return;
      if (isFeatureKey(key)) {
        const slot =
          featureExpected < featureKeys.length && featureKeys[featureExpected] === key
            ? featureExpected
            : (features.#slots.get(key) ?? features.#number(key));
        if (slot >= featureScratch.length) featureScratch = features.#grow(slot + 1);
        featureScratch[slot] = (featureScratch[slot] as number) + n;
        featureExpected = slot + 1;
      } else {
        const slot =
          coreExpected < coreKeys.length && coreKeys[coreExpected] === key
            ? coreExpected
            : (core.#slots.get(key) ?? core.#number(key));
        if (slot >= coreScratch.length) coreScratch = core.#grow(slot + 1);
        coreScratch[slot] = (coreScratch[slot] as number) + n;
        coreExpected = slot + 1;
      }
    });
    const pair: [Float64Array, Float64Array] = [core.#take(), features.#take()];
    return this === core ? pair : [pair[1], pair[0]];
  }

  /** The counts gathered in the scratch space as a new vector; the scratch space is zeroed again. O(size). */
  #take(): Float64Array {
    const vector = this.newVector(this.size);
    vector.set(this.#scratch.subarray(0, this.size));
    this.#scratch.fill(0, 0, this.size);
    return vector;
  }

  /**
   * A zeroed vector of `length` slots. Vectors are views carved from large shared chunks: an evaluation
   * makes a few hundred of them, and a separate buffer each (allocated, tracked and freed one by one) cost
   * more garbage-collector time than adding them up. O(length).
   */
  newVector(length: number): Float64Array {
    if (this.#chunkUsed + length > this.#chunk.length) {
      this.#chunk = new Float64Array(Math.max(VECTORS_PER_CHUNK * length, 4096));
      this.#chunkUsed = 0;
    }
    const vector = this.#chunk.subarray(this.#chunkUsed, this.#chunkUsed + length);
    this.#chunkUsed += length;
    return vector;
  }

  #grow(needed: number): Float64Array {
    let length = this.#scratch.length;
    while (length < needed) length *= 2;
    const wider = new Float64Array(length);
    wider.set(this.#scratch);
    this.#scratch = wider;
    return wider;
  }
}

/**
 * Adds `from` into `into` slot by slot; `into` must be at least as long (a vector made later, from the same
 * layout). Counts are integers, so the sums are exact in any order. O(length of `from`).
 */
export function addVector(into: Float64Array, from: Float64Array): void {
  for (let slot = 0; slot < from.length; slot++) into[slot] = (into[slot] as number) + (from[slot] as number);
}
