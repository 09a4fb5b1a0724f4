import type { StoredTaskOutcome } from '../counters/task-deltas.ts';
import { SparseHistogram } from '../histogram/histogram.ts';
import { parseBinKey } from '../histogram/log-buckets.ts';
import { ConfusionMatrix } from '../metrics/confusion-matrix.ts';
import type { CounterLayout, SlotGroup, SlotMeaning } from './counter-layout.ts';
import { getOrCreate } from './get-or-create.ts';
import {
  emptyOutcomeCounts,
  emptyWindowSummary,
  type StoredOutcomeCounts,
  type WindowSummary,
} from './window-summary.ts';

type Visit = (meaning: SlotMeaning, n: number) => void;

/** The feature counters of a range, kept apart from the rest (see CounterPart): made only when read. */
export interface FeaturePart {
  readonly layout: CounterLayout;
  /** The range's feature vector over `layout`; called at most once, when a feature field is first read. */
  readonly vector: () => Float64Array;
}

const FEATURE_GROUPS: ReadonlySet<SlotGroup> = new Set([
  'numericFeatures',
  'categoricalFeatures',
  'missingFeatures',
]);

/**
 * The {@link WindowSummary} of a range's count vector (see CounterLayout), each field decoded from its own
 * slots the first time it is read. Most ranges an evaluation reads only need decisions, labels and tasks:
 * the feature histograms, most of a bucket's counters, are built for the drift ranges alone. Equal, field by
 * field, to summarizeCounters of the range's summed counters (test/unit/evaluation/vector-summary.test.ts).
 */
export class VectorSummary implements WindowSummary {
  readonly #layout: CounterLayout;
  readonly #vector: Float64Array;
  readonly #features: FeaturePart | undefined;
  #featureVector: Float64Array | undefined;
  readonly #built: Partial<WindowSummary> = {};

  /**
   * @param layout the layout of `vector`: of every key, or of the core part when `features` is given
   * @param features the feature counters, when they are kept apart
   */
  constructor(layout: CounterLayout, vector: Float64Array, features?: FeaturePart) {
    this.#layout = layout;
    this.#vector = vector;
    this.#features = features;
  }

  /** Calls `visit` for every non-zero slot of a group, in slot order. O(slots of the group). */
  #each(group: SlotGroup, visit: Visit): void {
    let layout = this.#layout;
    let vector = this.#vector;
    const features = this.#features;
    if (features && FEATURE_GROUPS.has(group)) {
      layout = features.layout;
      this.#featureVector ??= features.vector();
      vector = this.#featureVector;
    }
    for (const slot of layout.slotsOf(group)) {
      // Slots numbered after this vector was made count zero in it.
      if (slot >= vector.length) break;
      const n = vector[slot] as number;
      if (n === 0) continue;
      const meaning = layout.meaningOf(slot);
      if (meaning) visit(meaning, n);
    }
  }

  #counts(group: SlotGroup): Map<string, number> {
    const out = new Map<string, number>();
    this.#each(group, (m, n) => out.set(m.name, (out.get(m.name) ?? 0) + n));
    return out;
  }

  #histograms(group: 'numericFeatures' | 'taskLatency'): Map<string, SparseHistogram> {
    const out = new Map<string, SparseHistogram>();
    this.#each(group, (m, n) => {
      // A bin key that does not parse fails here, with parseBinKey's error, as summarizeCounters does.
      const bin = Number.isNaN(m.bin) ? parseBinKey(m.binKey) : m.bin;
      getOrCreate(out, m.name, () => new SparseHistogram()).addToBin(bin, n);
    });
    return out;
  }

  #memo<F extends keyof WindowSummary>(field: F, build: () => WindowSummary[F]): WindowSummary[F] {
    let value = this.#built[field];
    if (value === undefined) {
      value = build();
      this.#built[field] = value;
    }
    return value as WindowSummary[F];
  }

  get decisions(): Map<string, number> {
    return this.#memo('decisions', () => this.#counts('decisions'));
  }

  get labelled(): Map<string, number> {
    return this.#memo('labelled', () => this.#counts('labelled'));
  }

  get confusion(): Map<string, ConfusionMatrix> {
    return this.#memo('confusion', () => {
      const out = new Map<string, ConfusionMatrix>();
      this.#each('confusion', (m, n) => {
        getOrCreate(out, m.name, () => new ConfusionMatrix()).add(m.detail, m.predicted, n);
      });
      return out;
    });
  }

  get predicted(): Map<string, number> {
    return this.#memo('predicted', () => this.#counts('predicted'));
  }

  get confidence(): number[] {
    return this.#memo('confidence', () => {
      const bins = emptyWindowSummary().confidence;
      this.#each('confidence', (m, n) => {
        bins[m.bin] = (bins[m.bin] ?? 0) + n;
      });
      return bins;
    });
  }

  get numericFeatures(): Map<string, SparseHistogram> {
    return this.#memo('numericFeatures', () => this.#histograms('numericFeatures'));
  }

  get categoricalFeatures(): Map<string, Map<string, number>> {
    return this.#memo('categoricalFeatures', () => {
      const out = new Map<string, Map<string, number>>();
      this.#each('categoricalFeatures', (m, n) => {
        const counts = getOrCreate(out, m.name, () => new Map<string, number>());
        counts.set(m.detail, (counts.get(m.detail) ?? 0) + n);
      });
      return out;
    });
  }

  get missingFeatures(): Map<string, number> {
    return this.#memo('missingFeatures', () => this.#counts('missingFeatures'));
  }

  get tasksStarted(): Map<string, number> {
    return this.#memo('tasksStarted', () => this.#counts('tasksStarted'));
  }

  get taskOutcomes(): Map<string, StoredOutcomeCounts> {
    return this.#memo('taskOutcomes', () => {
      const out = new Map<string, StoredOutcomeCounts>();
      this.#each('taskOutcomes', (m, n) => {
        getOrCreate(out, m.name, emptyOutcomeCounts)[m.detail as StoredTaskOutcome] += n;
      });
      return out;
    });
  }

  get taskLatency(): Map<string, SparseHistogram> {
    return this.#memo('taskLatency', () => this.#histograms('taskLatency'));
  }

  get unknown(): Map<string, number> {
    return this.#memo('unknown', () => this.#counts('unknown'));
  }
}
