import { counterKey, COUNTER_KINDS as K } from '../domain/counters/counter-key.ts';
import { CONFIDENCE_BINS, confidenceBin } from '../domain/counters/decision-deltas.ts';
import { categoryOf } from '../domain/counters/feature-value-key.ts';
import type { FeatureFold, FoldOptions } from '../domain/counters/fold-options.ts';
import { STORED_TASK_OUTCOMES, type StoredTaskOutcome } from '../domain/counters/task-deltas.ts';
import type { FeatureValue } from '../domain/events/event-schema.ts';
import { binIndex, binKey, resolveScheme } from '../domain/histogram/log-buckets.ts';
import type { CodeUnits, StringKeyTable } from './string-key-table.ts';

/** The default 1 % log-bucket scheme that decisionDeltas and taskDeltas use, resolved once. */
const SCHEME = resolveScheme();

/** Raw categorical values remembered per feature; past this, values are categorised on every event. */
const MAX_CACHED_VALUES = 4096;

/** Packs two small non-negative integers (< 2^26) into one Map key. */
function pair(a: number, b: number): number {
  return a * 67_108_864 + b;
}

/**
 * Counter key ids by bin, -1 where none yet: a bin index lies within ±SCHEME.binsPerSign, so an array of
 * SCHEME.maxBinCount slots holds them all, found by indexing where a Map would hash.
 */
function binSlots(): Int32Array {
  return new Int32Array(SCHEME.maxBinCount).fill(-1);
}

/**
 * The miss branch of a cache look-up: stores the freshly interned `id` under `key` and returns it. Callers
 * write `cache.get(key) ?? remember(cache, key, intern(…))`, so the key text is built only on a miss.
 */
function remember<K>(cache: Map<K, number>, key: K, id: number): number {
  cache.set(key, id);
  return id;
}

/** The same for a cache of slots (-1 where empty): `slots[slot] >= 0 ? … : rememberSlot(slots, slot, intern(…))`. */
function rememberSlot(slots: Int32Array, slot: number, id: number): number {
  slots[slot] = id;
  return id;
}

/** Counter key ids of one configured feature, by the value's form. */
export class FeatureKeys {
  readonly feature: FeatureFold;
  readonly numeric: boolean;
  #missing = -1;
  readonly #bins = binSlots();
  /** Raw text values seen (a bounded cache) and the key id of each. */
  readonly #texts: StringKeyTable;
  #textKeys = new Int32Array(64);
  readonly #recentTexts = new Int32Array(8).fill(-1);
  readonly #others = new Map<FeatureValue, number>();
  readonly #categories = new Map<string, number>();
  readonly #intern: (key: string) => number;

  constructor(feature: FeatureFold, texts: StringKeyTable, intern: (key: string) => number) {
    this.feature = feature;
    this.numeric = feature.kind === 'numeric';
    this.#texts = texts;
    this.#intern = intern;
  }

  missing(): number {
    if (this.#missing < 0) this.#missing = this.#intern(counterKey(K.missingFeature, this.feature.name));
    return this.#missing;
  }

  /** A numeric feature's key for a finite number. */
  bin(value: number): number {
    const bin = binIndex(value, SCHEME);
    const slot = bin + SCHEME.binsPerSign;
    const id = this.#bins[slot] as number;
    return id >= 0
      ? id
      : rememberSlot(
          this.#bins,
          slot,
          this.#intern(counterKey(K.numericFeature, this.feature.name, binKey(bin))),
        );
  }

  #category(category: string | undefined): number {
    if (category === undefined) return this.missing();
    return (
      this.#categories.get(category) ??
      remember(
        this.#categories,
        category,
        this.#intern(counterKey(K.categoricalFeature, this.feature.name, category)),
      )
    );
  }

  /** A categorical or boolean feature's key for any value the fold may meet (as categoryOf sees it). */
  categorical(value: unknown): number {
    if (value === undefined || value === null) return this.missing();
    const cached = this.#others.get(value as FeatureValue);
    if (cached !== undefined) return cached;
    const id = this.#category(categoryOf(this.feature, value as FeatureValue));
    if (this.#others.size < MAX_CACHED_VALUES) this.#others.set(value as FeatureValue, id);
    return id;
  }

  /** A categorical or boolean feature's key for the text units[start, end). */
  categoricalText(units: CodeUnits, start: number, end: number): number {
    const texts = this.#texts;
    const recent = this.#recentTexts;
    // Most features have a handful of values: compare with the last few before hashing.
    for (let k = 0; k < recent.length; k++) {
      const index = recent[k] as number;
      if (index < 0) break;
      if (texts.equals(index, units, start, end)) return this.#textKeys[index] as number;
    }
    let index = texts.find(units, start, end);
    if (index < 0) {
      const category = this.#category(
        categoryOf(this.feature, String.fromCharCode(...units.subarray(start, end))),
      );
      if (texts.size >= MAX_CACHED_VALUES) return category;
      index = texts.intern(units, start, end);
      if (index >= this.#textKeys.length) {
        const grown = new Int32Array(2 * this.#textKeys.length);
        grown.set(this.#textKeys);
        this.#textKeys = grown;
      }
      this.#textKeys[index] = category;
    }
    recent.copyWithin(1, 0, recent.length - 1);
    recent[0] = index;
    return this.#textKeys[index] as number;
  }
}

/**
 * The counter keys of decision-deltas.ts and task-deltas.ts for record facts given as vocabulary ids: each
 * key is interned (given a small integer id) the first time it occurs and found through integer-keyed maps
 * afterwards, so the offline fold neither builds nor hashes a key string per event. Keys are interned in the
 * order the record-based InternedFold interns them, given the same events. O(1) per key.
 */
export class ColumnarFold {
  readonly options: FoldOptions;
  readonly features: readonly FeatureKeys[];
  readonly #vocab: StringKeyTable;
  readonly #intern: (key: string) => number;
  readonly #decisions = new Map<number, number>();
  readonly #labelled = new Map<number, number>();
  readonly #pairs = new Map<number, number>();
  readonly #confusion = new Map<number, number>();
  readonly #predicted = new Map<number, number>();
  readonly #confidence = new Int32Array(CONFIDENCE_BINS).fill(-1);
  readonly #started = new Map<number, number>();
  readonly #outcomes = new Map<number, number>();
  /** Per task name id, its latency bins' key ids (binSlots). */
  readonly #latency: (Int32Array | undefined)[] = [];

  /** `vocab` names the ids given to the methods; `intern` turns a counter key into its id. */
  constructor(
    options: FoldOptions,
    vocab: StringKeyTable,
    intern: (key: string) => number,
    newTextTable: () => StringKeyTable,
  ) {
    this.options = options;
    this.#vocab = vocab;
    this.#intern = intern;
    this.features = options.features.map((f) => new FeatureKeys(f, newTextTable(), intern));
  }

  decisions(task: number, variant: number): number {
    const key = pair(task, variant);
    const v = this.#vocab;
    return (
      this.#decisions.get(key) ??
      remember(this.#decisions, key, this.#intern(counterKey(K.decisions, v.text(task), v.text(variant))))
    );
  }

  predicted(predicted: number): number {
    return (
      this.#predicted.get(predicted) ??
      remember(this.#predicted, predicted, this.#intern(counterKey(K.predicted, this.#vocab.text(predicted))))
    );
  }

  confidence(confidence: number): number {
    const bin = confidenceBin(confidence);
    const id = this.#confidence[bin] as number;
    return id >= 0
      ? id
      : rememberSlot(this.#confidence, bin, this.#intern(counterKey(K.confidence, String(bin))));
  }

  labelled(task: number, variant: number): number {
    const key = pair(task, variant);
    const v = this.#vocab;
    return (
      this.#labelled.get(key) ??
      remember(this.#labelled, key, this.#intern(counterKey(K.labelled, v.text(task), v.text(variant))))
    );
  }

  /** Ids for (a, b) pairs, so that four names fold into one map key in two steps. */
  #pair(a: number, b: number): number {
    const key = pair(a, b);
    return this.#pairs.get(key) ?? remember(this.#pairs, key, this.#pairs.size);
  }

  confusion(task: number, variant: number, actual: number, predicted: number): number {
    const key = pair(this.#pair(this.#pair(task, variant), actual), predicted);
    const v = this.#vocab;
    return (
      this.#confusion.get(key) ??
      remember(
        this.#confusion,
        key,
        this.#intern(
          counterKey(K.confusion, v.text(task), v.text(variant), v.text(actual), v.text(predicted)),
        ),
      )
    );
  }

  tasksStarted(task: number): number {
    return (
      this.#started.get(task) ??
      remember(this.#started, task, this.#intern(counterKey(K.tasksStarted, this.#vocab.text(task))))
    );
  }

  taskOutcome(task: number, outcome: StoredTaskOutcome): number {
    const key = pair(task, STORED_TASK_OUTCOMES.indexOf(outcome));
    return (
      this.#outcomes.get(key) ??
      remember(this.#outcomes, key, this.#intern(counterKey(K.taskOutcome, this.#vocab.text(task), outcome)))
    );
  }

  taskLatency(task: number, latencyMs: number): number {
    const bin = binIndex(latencyMs, SCHEME);
    let bins = this.#latency[task];
    if (bins === undefined) {
      bins = binSlots();
      this.#latency[task] = bins;
    }
    const slot = bin + SCHEME.binsPerSign;
    const id = bins[slot] as number;
    return id >= 0
      ? id
      : rememberSlot(
          bins,
          slot,
          this.#intern(counterKey(K.taskLatency, this.#vocab.text(task), binKey(bin))),
        );
  }
}
