import { COUNTER_KINDS as K, parseCounterKey } from '../counters/counter-key.ts';
import { CONFIDENCE_BINS } from '../counters/decision-deltas.ts';
import { STORED_TASK_OUTCOMES, type StoredTaskOutcome } from '../counters/task-deltas.ts';
import { SparseHistogram } from '../histogram/histogram.ts';
import { parseBinKey } from '../histogram/log-buckets.ts';
import { ConfusionMatrix } from '../metrics/confusion-matrix.ts';
import { pairKey } from '../metrics/grouped-metrics.ts';
import { getOrCreate } from './get-or-create.ts';

/** Counts of one task's stored outcomes (timed-out and pending are derived later). */
export type StoredOutcomeCounts = Record<StoredTaskOutcome, number>;

/**
 * A window's counters decoded into the structures the metrics take. Built from the summed counters of the
 * buckets that tile a window; every field is a count, so summaries of adjacent windows add up.
 */
export interface WindowSummary {
  /** Decisions per (task, variant) pair key. */
  readonly decisions: Map<string, number>;
  /** Labelled decisions per (task, variant) pair key. */
  readonly labelled: Map<string, number>;
  /** Confusion matrix per (task, variant) pair key. */
  readonly confusion: Map<string, ConfusionMatrix>;
  /** Predicted label counts (output drift). */
  readonly predicted: Map<string, number>;
  /** Confidence histogram, {@link CONFIDENCE_BINS} equal-width bins. */
  readonly confidence: number[];
  readonly numericFeatures: Map<string, SparseHistogram>;
  readonly categoricalFeatures: Map<string, Map<string, number>>;
  readonly missingFeatures: Map<string, number>;
  readonly tasksStarted: Map<string, number>;
  readonly taskOutcomes: Map<string, StoredOutcomeCounts>;
  /** Latency of completed tasks in ms, per task. */
  readonly taskLatency: Map<string, SparseHistogram>;
  /** Counter keys this version does not know (newer writers); kept so nothing is silently dropped. */
  readonly unknown: Map<string, number>;
}

export function emptyOutcomeCounts(): StoredOutcomeCounts {
  return { completedWithinSla: 0, completedLate: 0, failed: 0, handedOff: 0 };
}

export function emptyWindowSummary(): WindowSummary {
  return {
    decisions: new Map(),
    labelled: new Map(),
    confusion: new Map(),
    predicted: new Map(),
    confidence: new Array<number>(CONFIDENCE_BINS).fill(0),
    numericFeatures: new Map(),
    categoricalFeatures: new Map(),
    missingFeatures: new Map(),
    tasksStarted: new Map(),
    taskOutcomes: new Map(),
    taskLatency: new Map(),
    unknown: new Map(),
  };
}

function bump(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const OUTCOMES = new Set<string>(STORED_TASK_OUTCOMES);

/** Decodes summed counters into a {@link WindowSummary}. O(number of counters). */
export function summarizeCounters(counters: ReadonlyMap<string, number>): WindowSummary {
  const s = emptyWindowSummary();
  for (const [key, n] of counters) {
    if (n === 0) continue;
    const { kind, dims } = parseCounterKey(key);
    const [a = '', b = '', c = '', d = ''] = dims;
    switch (kind) {
      case K.decisions:
        bump(s.decisions, pairKey(a, b), n);
        break;
      case K.labelled:
        bump(s.labelled, pairKey(a, b), n);
        break;
      case K.confusion:
        getOrCreate(s.confusion, pairKey(a, b), () => new ConfusionMatrix()).add(c, d, n);
        break;
      case K.predicted:
        bump(s.predicted, a, n);
        break;
      case K.confidence: {
        const bin = Number(a);
        if (Number.isInteger(bin) && bin >= 0 && bin < CONFIDENCE_BINS)
          s.confidence[bin] = (s.confidence[bin] ?? 0) + n;
        else bump(s.unknown, key, n);
        break;
      }
      case K.numericFeature:
        getOrCreate(s.numericFeatures, a, () => new SparseHistogram()).addToBin(parseBinKey(b), n);
        break;
      case K.categoricalFeature:
        bump(
          getOrCreate(s.categoricalFeatures, a, () => new Map<string, number>()),
          b,
          n,
        );
        break;
      case K.missingFeature:
        bump(s.missingFeatures, a, n);
        break;
      case K.tasksStarted:
        bump(s.tasksStarted, a, n);
        break;
      case K.taskOutcome:
        if (OUTCOMES.has(b)) getOrCreate(s.taskOutcomes, a, emptyOutcomeCounts)[b as StoredTaskOutcome] += n;
        else bump(s.unknown, key, n);
        break;
      case K.taskLatency:
        getOrCreate(s.taskLatency, a, () => new SparseHistogram()).addToBin(parseBinKey(b), n);
        break;
      default:
        bump(s.unknown, key, n);
    }
  }
  return s;
}
