import type { CounterSet } from '../domain/counters/counter-set.ts';
import type { FoldOptions } from '../domain/counters/fold-options.ts';
import type { DriftwatchEvent } from '../domain/events/event-schema.ts';
import {
  type DecisionRecord,
  type MergeOutcome,
  mergeIntoDecisionRecord,
} from '../domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../domain/pairing/task-record.ts';
import { DecisionSamples } from './decision-samples.ts';
import { type EmitCounter, InternedFold } from './interned-fold.ts';
import { MinuteCounterIndex } from './minute-counter-index.ts';
import type { CompletedTasks } from './raw-sample-index.ts';

/** The outcome of offering one event to the pipeline. */
export type IngestOutcome = MergeOutcome | { readonly kind: 'unknown_monitor'; readonly reason: string };

/** Everything kept for one configured monitor. */
interface MonitorState {
  readonly counters: MinuteCounterIndex;
  readonly fold: InternedFold;
  readonly emit: EmitCounter;
  /** Decision records by decision id, in creation order. */
  readonly decisions: Map<string, DecisionRecord>;
  /** Task records by task id, in creation order. */
  readonly tasks: Map<string, TaskRecord>;
  readonly samples: DecisionSamples;
  /** Creation order of the records a label created before its decision arrived. */
  readonly labelFirst: Map<string, number>;
}

const SEPARATOR = '\u001f';

/**
 * The pipeline's fold, in memory: events are merged into decision and task records exactly as the Events
 * table does, and the counters each change adds are summed into per-minute buckets exactly as the aggregator
 * does (decisionDeltas and taskDeltas, in the interned form of InternedFold). The records are kept too,
 * without their feature objects: the values of the configured numeric features go to columns
 * (DecisionSamples), from which the offline evaluator computes exact statistics. Records and counters are
 * kept per monitor, keyed by the producer's id, and counter keys are interned (MinuteCounterIndex), so
 * nothing builds a string per event. O(1) amortised per event plus O(configured features) per decision.
 */
export class InMemoryPipeline {
  readonly #foldOptionsFor: (monitor: string) => FoldOptions | undefined;
  /** Per monitor; null for a monitor the configuration does not know (asked once). */
  readonly #monitors = new Map<string, MonitorState | null>();
  #decisionView: Map<string, DecisionRecord> | undefined;
  #taskView: Map<string, TaskRecord> | undefined;
  #minuteView: Map<string, Map<number, CounterSet>> | undefined;
  #latest = Number.NEGATIVE_INFINITY;

  constructor(foldOptionsFor: (monitor: string) => FoldOptions | undefined) {
    this.#foldOptionsFor = foldOptionsFor;
  }

  #state(monitor: string): MonitorState | null {
    let state = this.#monitors.get(monitor);
    if (state === undefined) {
      const options = this.#foldOptionsFor(monitor);
      state = options ? this.#newState(options) : null;
      this.#monitors.set(monitor, state);
    }
    return state;
  }

  #newState(options: FoldOptions): MonitorState {
    const counters = new MinuteCounterIndex();
    return {
      counters,
      fold: new InternedFold(options, (key) => counters.intern(key)),
      emit: (time, id) => counters.addId(time, id),
      decisions: new Map(),
      tasks: new Map(),
      samples: new DecisionSamples(options.features.filter((f) => f.kind === 'numeric').map((f) => f.name)),
      labelFirst: new Map(),
    };
  }

  #changed(): void {
    this.#decisionView = undefined;
    this.#taskView = undefined;
    this.#minuteView = undefined;
  }

  ingest(event: DriftwatchEvent): IngestOutcome {
    const state = this.#state(event.monitor);
    if (!state) {
      return { kind: 'unknown_monitor', reason: `monitor "${event.monitor}" is not in the configuration` };
    }
    if (event.type === 'task') {
      const before = state.tasks.get(event.taskId);
      const { record, outcome } = mergeIntoTaskRecord(before, event);
      if (outcome.kind === 'accepted') {
        state.tasks.set(event.taskId, record);
        state.fold.task(before, record, state.emit);
        const slot = event.status === 'started' ? record.started : record.terminal;
        if (slot && slot.time > this.#latest) this.#latest = slot.time;
        this.#changed();
      }
      return outcome;
    }
    const decisionId = event.type === 'decision' ? event.id : event.decisionId;
    const before = state.decisions.get(decisionId);
    const { record, outcome } = mergeIntoDecisionRecord(before, event);
    if (outcome.kind !== 'accepted') return outcome;
    state.fold.decision(before, record, state.emit);
    const slot = event.type === 'decision' ? record.decision : record.label;
    if (slot && slot.time > this.#latest) this.#latest = slot.time;
    let stored = record;
    const decision = record.decision;
    if (decision && !before?.decision) {
      // The record's position in creation order: now, or when a label created it.
      let order = state.decisions.size;
      if (before) {
        order = state.labelFirst.get(decisionId) ?? order;
        state.labelFirst.delete(decisionId);
      }
      state.samples.add(decision.time, order, decision.features);
      if (decision.features !== undefined) {
        const { features: _kept, ...facts } = decision;
        stored = { ...record, decision: facts };
      }
    } else if (!before) {
      state.labelFirst.set(decisionId, state.decisions.size);
    }
    state.decisions.set(decisionId, stored);
    this.#changed();
    return outcome;
  }

  /** Epoch ms of the latest accepted event (its own time, not its arrival); -Infinity before the first. */
  get latestEventTime(): number {
    return this.#latest;
  }

  /** The monitors that have a state (configured monitors that were sent events), in order of first event. */
  #states(): [string, MonitorState][] {
    const out: [string, MonitorState][] = [];
    for (const [monitor, state] of this.#monitors) if (state) out.push([monitor, state]);
    return out;
  }

  /**
   * All decision records keyed by `monitor␟decisionId`, grouped by monitor and in creation order within a
   * monitor. The records do not keep `features` (see DecisionSamples). Built on first access after a change
   * (O(records)); read it, do not modify it.
   */
  get decisions(): Map<string, DecisionRecord> {
    if (!this.#decisionView) {
      const view = new Map<string, DecisionRecord>();
      for (const [monitor, state] of this.#states())
        for (const [id, record] of state.decisions) view.set(`${monitor}${SEPARATOR}${id}`, record);
      this.#decisionView = view;
    }
    return this.#decisionView;
  }

  /** All task records keyed by `monitor␟taskId`, like {@link decisions}. */
  get tasks(): Map<string, TaskRecord> {
    if (!this.#taskView) {
      const view = new Map<string, TaskRecord>();
      for (const [monitor, state] of this.#states())
        for (const [id, record] of state.tasks) view.set(`${monitor}${SEPARATOR}${id}`, record);
      this.#taskView = view;
    }
    return this.#taskView;
  }

  /** One monitor's decision records in creation order. */
  decisionRecords(monitor: string): IterableIterator<DecisionRecord> {
    return (this.#monitors.get(monitor)?.decisions ?? new Map<string, DecisionRecord>()).values();
  }

  /** One monitor's task records in creation order. */
  taskRecords(monitor: string): IterableIterator<TaskRecord> {
    return (this.#monitors.get(monitor)?.tasks ?? new Map<string, TaskRecord>()).values();
  }

  /** One monitor's decision times and configured numeric feature values; undefined before its first event. */
  decisionSamples(monitor: string): DecisionSamples | undefined {
    return this.#monitors.get(monitor)?.samples;
  }

  /** One monitor's completed tasks in record order: start time, latency and workflow name. */
  completedTasks(monitor: string): CompletedTasks {
    const starts: number[] = [];
    const latencies: number[] = [];
    const tasks: string[] = [];
    for (const record of this.taskRecords(monitor)) {
      if (!record.started || record.terminal?.status !== 'completed') continue;
      starts.push(record.started.time);
      latencies.push(Math.max(0, record.terminal.time - record.started.time));
      tasks.push(record.task);
    }
    return { starts: Float64Array.from(starts), latencies: Float64Array.from(latencies), tasks };
  }

  /**
   * monitor → minute start → counters: the per-minute buckets, as the aggregator would write them. Built
   * on first access after new counts (O(minute entries)); read it, do not modify it.
   */
  get minuteCounters(): Map<string, Map<number, CounterSet>> {
    if (this.#minuteView) return this.#minuteView;
    const view = new Map<string, Map<number, CounterSet>>();
    for (const [monitor, state] of this.#states()) {
      const byMinute = new Map<number, CounterSet>();
      for (const start of state.counters.minuteStarts()) {
        const counters = state.counters.minute(start);
        if (counters) byMinute.set(start, counters);
      }
      if (byMinute.size > 0) view.set(monitor, byMinute);
    }
    this.#minuteView = view;
    return view;
  }

  /**
   * The summed counters of a monitor over [from, to): the minutes whose start lies in the range.
   * O(buckets tiling the range + keys in them), after a one-off O(minute entries) index build.
   */
  countersBetween(monitor: string, from: number, to: number): CounterSet {
    const state = this.#monitors.get(monitor);
    return state ? state.counters.sum(from, to) : new Map();
  }
}
