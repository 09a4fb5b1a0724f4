import { counterKey, COUNTER_KINDS as K } from '../domain/counters/counter-key.ts';
import { CONFIDENCE_BINS, confidenceBin } from '../domain/counters/decision-deltas.ts';
import { categoryOf } from '../domain/counters/feature-value-key.ts';
import type { FeatureFold, FoldOptions } from '../domain/counters/fold-options.ts';
import { storedOutcome } from '../domain/counters/task-deltas.ts';
import { getOrCreate } from '../domain/evaluation/get-or-create.ts';
import type { FeatureValue } from '../domain/events/event-schema.ts';
import { binIndex, binKey, resolveScheme } from '../domain/histogram/log-buckets.ts';
import type { DecisionRecord } from '../domain/pairing/decision-record.ts';
import type { TaskRecord } from '../domain/pairing/task-record.ts';

/** Receives one counter increment (n = 1) for the interned key `keyId` in the bucket holding `time`. */
export type EmitCounter = (time: number, keyId: number) => void;

/** The default 1 % log-bucket scheme that decisionDeltas and taskDeltas use, resolved once. */
const SCHEME = resolveScheme();

/** Raw categorical values remembered per feature; past this, values are categorised on every event. */
const MAX_CACHED_VALUES = 4096;

type Nested<V> = Map<string, V>;

function newMap<V>(): Map<string, V> {
  return new Map<string, V>();
}

function newBinMap(): Map<number, number> {
  return new Map<number, number>();
}

interface FeatureKeys {
  readonly feature: FeatureFold;
  missing: number;
  /** Numeric: bin index → key id. */
  readonly bins: Map<number, number>;
  /** Categorical and boolean: raw value → key id (-1: missing). */
  readonly values: Map<FeatureValue, number>;
  /** Category → key id. */
  readonly categories: Map<string, number>;
}

/**
 * The fold of decision-deltas.ts and task-deltas.ts with interned keys, for the offline evaluator: the same
 * counters for the same record changes, but each key is identified by a small integer found through nested
 * maps of the key's parts, so the counter key string (`cm␟main␟control␟escalate␟resolve`) is built once
 * per distinct key instead of once per event — building and hashing those strings was most of the offline
 * fold's cost. test/unit/offline/interned-fold.test.ts checks it against the domain functions on random
 * record histories. O(configured features) per decision, O(1) per task.
 */
export class InternedFold {
  readonly #options: FoldOptions;
  readonly #intern: (key: string) => number;
  readonly #decisions: Nested<Nested<number>> = new Map();
  readonly #labelled: Nested<Nested<number>> = new Map();
  readonly #confusion: Nested<Nested<Nested<Nested<number>>>> = new Map();
  readonly #predicted: Nested<number> = new Map();
  readonly #confidence = new Int32Array(CONFIDENCE_BINS).fill(-1);
  readonly #features: FeatureKeys[];
  readonly #started: Nested<number> = new Map();
  readonly #outcomes: Nested<Nested<number>> = new Map();
  readonly #latency: Nested<Map<number, number>> = new Map();

  /** `intern` turns a counter key into its id (the same id for the same key). */
  constructor(options: FoldOptions, intern: (key: string) => number) {
    this.#options = options;
    this.#intern = intern;
    this.#features = options.features.map((feature) => ({
      feature,
      missing: -1,
      bins: new Map(),
      values: new Map(),
      categories: new Map(),
    }));
  }

  /** Interns `key` and remembers its id under `part` (called on a miss only: no closure per event). */
  #put(map: Nested<number>, part: string, key: string): number {
    const id = this.#intern(key);
    map.set(part, id);
    return id;
  }

  #missing(f: FeatureKeys): number {
    if (f.missing < 0) f.missing = this.#intern(counterKey(K.missingFeature, f.feature.name));
    return f.missing;
  }

  #numeric(f: FeatureKeys, value: FeatureValue | undefined): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.#missing(f);
    const bin = binIndex(value, SCHEME);
    let id = f.bins.get(bin);
    if (id === undefined) {
      id = this.#intern(counterKey(K.numericFeature, f.feature.name, binKey(bin)));
      f.bins.set(bin, id);
    }
    return id;
  }

  #categorical(f: FeatureKeys, value: FeatureValue | undefined): number {
    if (value === undefined || value === null) return this.#missing(f);
    const cached = f.values.get(value);
    if (cached !== undefined) return cached;
    const category = categoryOf(f.feature, value);
    const id =
      category === undefined
        ? this.#missing(f)
        : (f.categories.get(category) ??
          this.#put(f.categories, category, counterKey(K.categoricalFeature, f.feature.name, category)));
    if (f.values.size < MAX_CACHED_VALUES) f.values.set(value, id);
    return id;
  }

  /** The counters decisionDeltas(before, after, options) adds, emitted as interned ids. */
  decision(before: DecisionRecord | undefined, after: DecisionRecord, emit: EmitCounter): void {
    const decision = after.decision;
    if (!decision) return;
    const time = decision.time;
    const { task, variant, predicted } = decision;
    if (!before?.decision) {
      const decisions = getOrCreate(this.#decisions, task, newMap<number>);
      emit(
        time,
        decisions.get(variant) ?? this.#put(decisions, variant, counterKey(K.decisions, task, variant)),
      );
      emit(
        time,
        this.#predicted.get(predicted) ??
          this.#put(this.#predicted, predicted, counterKey(K.predicted, predicted)),
      );
      if (decision.confidence !== undefined) {
        const bin = confidenceBin(decision.confidence);
        let id = this.#confidence[bin] ?? -1;
        if (id < 0) {
          id = this.#intern(counterKey(K.confidence, String(bin)));
          this.#confidence[bin] = id;
        }
        emit(time, id);
      }
      const values = decision.features;
      for (const f of this.#features) {
        const value = values?.[f.feature.name];
        emit(time, f.feature.kind === 'numeric' ? this.#numeric(f, value) : this.#categorical(f, value));
      }
    }
    const wasPaired = before?.decision !== undefined && before.label !== undefined;
    if (!wasPaired && after.label) {
      const actual = after.label.actual;
      const labelled = getOrCreate(this.#labelled, task, newMap<number>);
      emit(
        time,
        labelled.get(variant) ?? this.#put(labelled, variant, counterKey(K.labelled, task, variant)),
      );
      const byActual = getOrCreate(
        getOrCreate(
          getOrCreate(this.#confusion, task, newMap<Nested<Nested<number>>>),
          variant,
          newMap<Nested<number>>,
        ),
        actual,
        newMap<number>,
      );
      emit(
        time,
        byActual.get(predicted) ??
          this.#put(byActual, predicted, counterKey(K.confusion, task, variant, actual, predicted)),
      );
    }
  }

  /** The counters taskDeltas(before, after, options) adds, emitted as interned ids. */
  task(before: TaskRecord | undefined, after: TaskRecord, emit: EmitCounter): void {
    const started = after.started;
    if (!started) return;
    const time = started.time;
    const task = after.task;
    if (!before?.started)
      emit(time, this.#started.get(task) ?? this.#put(this.#started, task, counterKey(K.tasksStarted, task)));
    const wasDone = before?.started !== undefined && before.terminal !== undefined;
    if (wasDone || !after.terminal) return;
    const outcome = storedOutcome(after, this.#options);
    if (!outcome) return;
    const outcomes = getOrCreate(this.#outcomes, task, newMap<number>);
    emit(
      time,
      outcomes.get(outcome) ?? this.#put(outcomes, outcome, counterKey(K.taskOutcome, task, outcome)),
    );
    if (after.terminal.status === 'completed') {
      const bin = binIndex(Math.max(0, after.terminal.time - started.time), SCHEME);
      const bins = getOrCreate(this.#latency, task, newBinMap);
      let id = bins.get(bin);
      if (id === undefined) {
        id = this.#intern(counterKey(K.taskLatency, task, binKey(bin)));
        bins.set(bin, id);
      }
      emit(time, id);
    }
  }
}
