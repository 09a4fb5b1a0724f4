import { bucketStart } from '../domain/buckets/granularity.ts';
import { addCounter, type CounterSet } from '../domain/counters/counter-set.ts';
import { decisionDeltas } from '../domain/counters/decision-deltas.ts';
import type { CounterDelta, FoldOptions } from '../domain/counters/fold-options.ts';
import { taskDeltas } from '../domain/counters/task-deltas.ts';
import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import {
  type DecisionRecord,
  type MergeOutcome,
  mergeIntoDecisionRecord,
} from '../domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../domain/pairing/task-record.ts';

/** The outcome of offering one event to the pipeline. */
export type IngestOutcome = MergeOutcome | { readonly kind: 'unknown_monitor'; readonly reason: string };

/**
 * The pipeline's fold, in memory: events are merged into decision and task records exactly as the Events
 * table does, and the counters each change adds are summed into per-minute buckets exactly as the aggregator
 * does. The records are kept too, so the offline evaluator can compute exact statistics from raw values.
 * O(1) amortised per event plus O(configured features) per decision.
 */
export class InMemoryPipeline {
  readonly decisions = new Map<string, DecisionRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  /** monitor → minute start → counters. */
  readonly minuteCounters = new Map<string, Map<number, CounterSet>>();
  readonly #foldOptionsFor: (monitor: string) => FoldOptions | undefined;
  /** Sorted minute starts per monitor, rebuilt after new minutes appear, so range reads are a binary search. */
  readonly #sortedMinutes = new Map<string, number[]>();

  constructor(foldOptionsFor: (monitor: string) => FoldOptions | undefined) {
    this.#foldOptionsFor = foldOptionsFor;
  }

  ingest(event: DriftwatchEvent): IngestOutcome {
    const options = this.#foldOptionsFor(event.monitor);
    if (!options) {
      return { kind: 'unknown_monitor', reason: `monitor "${event.monitor}" is not in the configuration` };
    }
    if (event.type === 'task') {
      const key = `${event.monitor}\u001f${event.taskId}`;
      const before = this.tasks.get(key);
      const { record, outcome } = mergeIntoTaskRecord(before, event);
      if (outcome.kind === 'accepted') {
        this.tasks.set(key, record);
        this.#apply(taskDeltas(before, record, options));
      }
      return outcome;
    }
    const decisionId = event.type === 'decision' ? event.id : event.decisionId;
    const key = `${event.monitor}\u001f${decisionId}`;
    const before = this.decisions.get(key);
    const { record, outcome } = mergeIntoDecisionRecord(before, event);
    if (outcome.kind === 'accepted') {
      this.decisions.set(key, record);
      this.#apply(decisionDeltas(before, record, options));
    }
    return outcome;
  }

  #apply(deltas: readonly CounterDelta[]): void {
    for (const d of deltas) {
      let byMinute = this.minuteCounters.get(d.monitor);
      if (!byMinute) {
        byMinute = new Map();
        this.minuteCounters.set(d.monitor, byMinute);
      }
      const minute = bucketStart(d.time, '1m');
      let counters = byMinute.get(minute);
      if (!counters) {
        counters = new Map();
        byMinute.set(minute, counters);
        this.#sortedMinutes.delete(d.monitor);
      }
      addCounter(counters, d.key, d.n);
    }
  }

  /** The summed counters of a monitor over [from, to) (minute-aligned). O(log minutes + minutes in range · keys). */
  countersBetween(monitor: string, from: number, to: number): CounterSet {
    const out: CounterSet = new Map();
    const byMinute = this.minuteCounters.get(monitor);
    if (!byMinute) return out;
    let minutes = this.#sortedMinutes.get(monitor);
    if (!minutes) {
      minutes = [...byMinute.keys()].sort((a, b) => a - b);
      this.#sortedMinutes.set(monitor, minutes);
    }
    let lo = 0;
    let hi = minutes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((minutes[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < minutes.length && (minutes[i] as number) < to; i++) {
      const counters = byMinute.get(minutes[i] as number);
      if (counters) for (const [k, v] of counters) addCounter(out, k, v);
    }
    return out;
  }
}
