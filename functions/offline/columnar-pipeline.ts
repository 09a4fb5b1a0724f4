import type { CounterSet } from '../domain/counters/counter-set.ts';
import type { FoldOptions } from '../domain/counters/fold-options.ts';
import { terminalOutcome } from '../domain/counters/task-deltas.ts';
import { DEFAULT_TASK, DEFAULT_VARIANT } from '../domain/events/event-defaults.ts';
import { type DriftwatchEvent, TASK_STATUSES } from '../domain/events/event-schema.ts';
import { EVENT_LIMITS } from '../domain/events/limits.ts';
import type { TerminalStatus } from '../domain/pairing/task-record.ts';
import { ColumnarFold } from './columnar-fold.ts';
import { DecisionSamples } from './decision-samples.ts';
import {
  ABSENT,
  EVENT_DECISION,
  EVENT_LABEL,
  type EventFields,
  STATUS_COMPLETED,
  STATUS_STARTED,
  VALUE_FALSE,
  VALUE_NUMBER,
  VALUE_TEXT,
  VALUE_TRUE,
} from './event-fields.ts';
import { EventFieldsWriter } from './event-fields-from-event.ts';
import { MinuteCounterIndex } from './minute-counter-index.ts';
import type { CompletedTasks } from './raw-sample-index.ts';
import {
  DECISION_ACTUAL,
  DECISION_FLAGS,
  DECISION_LABEL_EVENT,
  DECISION_PREDICTED,
  DECISION_TASK,
  DECISION_TIME,
  DECISION_VARIANT,
  HAS_DECISION,
  HAS_LABEL,
  NO_STATUS,
  RecordRows,
  ROW,
  TASK_DEADLINE,
  TASK_END,
  TASK_END_EVENT,
  TASK_NAME,
  TASK_START,
  TASK_START_EVENT,
  TASK_STATUS,
} from './record-columns.ts';
import { type CodeUnits, StringKeyTable } from './string-key-table.ts';
import { TextList } from './text-list.ts';

/** What offering one event did. */
export const INGEST_ACCEPTED = 0;
export const INGEST_DUPLICATE = 1;
export const INGEST_CONFLICT = 2;
export const INGEST_UNKNOWN_MONITOR = 3;
/** The fast path cannot take this event; nothing changed, offer it through {@link ColumnarPipeline.ingestEvent}. */
export const INGEST_DECLINED = 4;

/** Everything kept for one configured monitor. */
class MonitorState {
  readonly counters = new MinuteCounterIndex();
  readonly fold: ColumnarFold;
  readonly decisions = new RecordRows();
  readonly tasks = new RecordRows();
  readonly samples: DecisionSamples;
  /** Per configured numeric feature, its position among the features (to fill a samples row). */
  readonly numericFeatures: readonly number[];
  /** Configured feature name → position in the configuration. */
  readonly featureIndex = new StringKeyTable();
  /**
   * This monitor's decisions with features take the exact path, which reads features by name from the
   * parsed object as the record-based fold does: when a configured feature is named like a property every
   * object inherits (`constructor`, `toString`…), whose value that fold reads for a decision lacking the
   * feature, or when two configured features share a name.
   */
  readonly readFeaturesByName: boolean;
  /** Per configured feature, the position of its value in the current event, or -1. */
  readonly featureAt: Int32Array;
  /**
   * Per position in an event's features object, the configured feature found there last time, or -1.
   * Producers write features in the same order event after event, so one comparison usually names the
   * feature, where a lookup would hash its name.
   */
  readonly featureAtPosition = new Int32Array(EVENT_LIMITS.maxFeatures).fill(-1);
  readonly row: Float64Array;

  constructor(options: FoldOptions, vocab: StringKeyTable) {
    this.fold = new ColumnarFold(
      options,
      vocab,
      (key) => this.counters.intern(key),
      () => new StringKeyTable(),
    );
    const numeric: number[] = [];
    options.features.forEach((f, i) => {
      this.featureIndex.internString(f.name);
      if (f.kind === 'numeric') numeric.push(i);
    });
    this.numericFeatures = numeric;
    this.samples = new DecisionSamples(numeric.map((i) => (options.features[i] as { name: string }).name));
    this.readFeaturesByName =
      this.featureIndex.size < options.features.length ||
      options.features.some((f) => f.name in OBJECT_PROTOTYPE_PROPERTIES);
    this.featureAt = new Int32Array(options.features.length);
    this.row = new Float64Array(numeric.length);
  }
}

const OBJECT_PROTOTYPE_PROPERTIES: object = {};

/**
 * The offline evaluator's fold over columns: the same pairing of decisions with labels and of task starts
 * with terminal events as the pipeline (pairing/), the same counters (decision-deltas.ts, task-deltas.ts)
 * and the same raw samples as InMemoryPipeline, but records are rows of typed arrays keyed through
 * StringKeyTable, names are vocabulary ids and times are numbers, so an event costs no object, no string
 * and no Date.parse. Events come as EventFields — from the byte reader (`ingest`), or from a parsed and
 * validated event (`ingestEvent`, the exact path). test/unit/offline/columnar-pipeline.test.ts checks it
 * against InMemoryPipeline on random event histories. O(1) amortised per event plus O(features) per decision.
 */
export class ColumnarPipeline {
  readonly #foldOptionsFor: (monitor: string) => FoldOptions | undefined;
  readonly #monitorIds = new StringKeyTable();
  /** Per monitor id; null for a monitor the configuration does not know. */
  readonly #states: (MonitorState | null)[] = [];
  readonly #statesByName = new Map<string, MonitorState>();
  /** Task, variant, predicted and actual names. */
  readonly #vocab = new StringKeyTable();
  readonly #defaultTask: number;
  readonly #defaultVariant: number;
  /** Event ids of filled label and task slots. */
  readonly #eventIds = new TextList();
  readonly #writer = new EventFieldsWriter();
  /** Small caches of the names met last, per field (see StringKeyTable.internRecent). */
  readonly #recentMonitors = new Int32Array(4).fill(-1);
  readonly #recentTasks = new Int32Array(4).fill(-1);
  readonly #recentVariants = new Int32Array(4).fill(-1);
  readonly #recentPredicted = new Int32Array(8).fill(-1);
  readonly #recentActual = new Int32Array(8).fill(-1);
  #latest = Number.NEGATIVE_INFINITY;
  #lastMonitor = '';

  constructor(foldOptionsFor: (monitor: string) => FoldOptions | undefined) {
    this.#foldOptionsFor = foldOptionsFor;
    this.#defaultTask = this.#vocab.internString(DEFAULT_TASK);
    this.#defaultVariant = this.#vocab.internString(DEFAULT_VARIANT);
  }

  /** Epoch ms of the latest accepted event (its own time, not its arrival); -Infinity before the first. */
  get latestEventTime(): number {
    return this.#latest;
  }

  /** The reason to give for the last event answered with INGEST_UNKNOWN_MONITOR. */
  unknownMonitorReason(): string {
    return `monitor "${this.#lastMonitor}" is not in the configuration`;
  }

  #state(units: CodeUnits, start: number, end: number): MonitorState | null {
    const known = this.#monitorIds.size;
    const id = this.#monitorIds.internRecent(units, start, end, this.#recentMonitors);
    if (id === known) {
      const name = this.#monitorIds.text(id);
      const options = this.#foldOptionsFor(name);
      const state = options ? new MonitorState(options, this.#vocab) : null;
      this.#states.push(state);
      if (state) this.#statesByName.set(name, state);
    }
    const state = this.#states[id] ?? null;
    if (!state) this.#lastMonitor = this.#monitorIds.text(id);
    return state;
  }

  /**
   * Offers one event read by the byte reader, whose text ranges index `units`. Returns one of the INGEST_
   * codes; INGEST_DECLINED leaves everything unchanged.
   */
  ingest(units: CodeUnits, event: EventFields): number {
    const state = this.#state(units, event.monitorStart, event.monitorEnd);
    if (!state) return INGEST_UNKNOWN_MONITOR;
    if (event.type === EVENT_DECISION) {
      if (state.readFeaturesByName && event.hasFeatures && event.featureObject === undefined)
        return INGEST_DECLINED;
      return this.#decision(state, units, event);
    }
    if (event.type === EVENT_LABEL) return this.#label(state, units, event);
    return this.#task(state, units, event);
  }

  /** Offers one parsed and validated event (the exact path). Returns one of the INGEST_ codes, never DECLINED. */
  ingestEvent(event: DriftwatchEvent): number {
    const fields = this.#writer.write(event);
    return this.ingest(this.#writer.units, fields);
  }

  #name(units: CodeUnits, start: number, end: number, absent: number, recent: Int32Array): number {
    return start === ABSENT ? absent : this.#vocab.internRecent(units, start, end, recent);
  }

  #decision(state: MonitorState, units: CodeUnits, event: EventFields): number {
    const records = state.decisions;
    const created = records.ids.size;
    const r = records.ids.internHashed(units, event.idStart, event.idEnd, event.recordKeyHash);
    if (r === created) records.ensure(r);
    const rows = records.rows;
    const at = r * ROW;
    const flags = (rows[at + DECISION_FLAGS] as number) | 0;
    if ((flags & HAS_DECISION) !== 0) return INGEST_DUPLICATE;
    const time = event.time;
    const task = this.#name(units, event.taskStart, event.taskEnd, this.#defaultTask, this.#recentTasks);
    const variant = this.#name(
      units,
      event.variantStart,
      event.variantEnd,
      this.#defaultVariant,
      this.#recentVariants,
    );
    const predicted = this.#vocab.internRecent(
      units,
      event.predictedStart,
      event.predictedEnd,
      this.#recentPredicted,
    );
    rows[at + DECISION_FLAGS] = flags | HAS_DECISION;
    rows[at + DECISION_TIME] = time;
    rows[at + DECISION_TASK] = task;
    rows[at + DECISION_VARIANT] = variant;
    rows[at + DECISION_PREDICTED] = predicted;
    if (time > this.#latest) this.#latest = time;
    const fold = state.fold;
    const counters = state.counters;
    counters.at(time);
    counters.countAt(fold.decisions(task, variant));
    counters.countAt(fold.predicted(predicted));
    if (event.hasConfidence) counters.countAt(fold.confidence(event.confidence));
    this.#features(state, units, event);
    state.samples.addRow(time, r, state.row);
    if ((flags & HAS_LABEL) !== 0) {
      counters.countAt(fold.labelled(task, variant));
      counters.countAt(fold.confusion(task, variant, (rows[at + DECISION_ACTUAL] as number) | 0, predicted));
    }
    return INGEST_ACCEPTED;
  }

  /**
   * Counts the configured features of a decision, in the minute its counters were just pointed at, and
   * fills the samples row with the numeric ones.
   */
  #features(state: MonitorState, units: CodeUnits, event: EventFields): void {
    const features = state.fold.features;
    const counters = state.counters;
    const row = state.row;
    const object = event.featureObject;
    if (object !== undefined || !event.hasFeatures) {
      // The exact path reads each configured feature by name, as the record-based fold does.
      let column = 0;
      for (const f of features) {
        const value = object?.[f.feature.name];
        if (f.numeric) {
          const finite = typeof value === 'number' && Number.isFinite(value);
          counters.countAt(finite ? f.bin(value) : f.missing());
          row[column++] = finite ? value : Number.NaN;
        } else {
          counters.countAt(f.categorical(value));
        }
      }
      return;
    }
    const at = state.featureAt;
    // A loop, not fill(): the array holds a handful of features and a builtin call costs more.
    for (let i = 0; i < at.length; i++) at[i] = -1;
    const names = state.featureIndex;
    const guesses = state.featureAtPosition;
    for (let k = 0; k < event.featureCount; k++) {
      const nameStart = event.featureNameStart[k] as number;
      const nameEnd = event.featureNameEnd[k] as number;
      const guess = guesses[k] as number;
      const index =
        guess >= 0 && names.equals(guess, units, nameStart, nameEnd)
          ? guess
          : names.find(units, nameStart, nameEnd);
      guesses[k] = index;
      if (index >= 0) at[index] = k;
    }
    let column = 0;
    for (let i = 0; i < features.length; i++) {
      const f = features[i] as (typeof features)[number];
      const k = at[i] as number;
      const kind = k < 0 ? -1 : (event.featureKind[k] as number);
      if (f.numeric) {
        const finite = kind === VALUE_NUMBER;
        const value = finite ? (event.featureNumber[k] as number) : Number.NaN;
        counters.countAt(finite ? f.bin(value) : f.missing());
        row[column++] = value;
      } else if (kind === VALUE_TEXT) {
        counters.countAt(
          f.categoricalText(units, event.featureTextStart[k] as number, event.featureTextEnd[k] as number),
        );
      } else if (kind === VALUE_NUMBER) {
        counters.countAt(f.categorical(event.featureNumber[k]));
      } else if (kind === VALUE_TRUE || kind === VALUE_FALSE) {
        counters.countAt(f.categorical(kind === VALUE_TRUE));
      } else {
        counters.countAt(f.missing());
      }
    }
  }

  #label(state: MonitorState, units: CodeUnits, event: EventFields): number {
    const records = state.decisions;
    const created = records.ids.size;
    const r = records.ids.internHashed(
      units,
      event.decisionIdStart,
      event.decisionIdEnd,
      event.recordKeyHash,
    );
    if (r === created) records.ensure(r);
    const rows = records.rows;
    const at = r * ROW;
    const flags = (rows[at + DECISION_FLAGS] as number) | 0;
    if ((flags & HAS_LABEL) !== 0) {
      return this.#eventIds.equals(
        (rows[at + DECISION_LABEL_EVENT] as number) | 0,
        units,
        event.idStart,
        event.idEnd,
      )
        ? INGEST_DUPLICATE
        : INGEST_CONFLICT;
    }
    const actual = this.#vocab.internRecent(units, event.actualStart, event.actualEnd, this.#recentActual);
    rows[at + DECISION_FLAGS] = flags | HAS_LABEL;
    rows[at + DECISION_ACTUAL] = actual;
    rows[at + DECISION_LABEL_EVENT] = this.#eventIds.push(units, event.idStart, event.idEnd);
    if (event.time > this.#latest) this.#latest = event.time;
    if ((flags & HAS_DECISION) !== 0) {
      const time = rows[at + DECISION_TIME] as number;
      const task = (rows[at + DECISION_TASK] as number) | 0;
      const variant = (rows[at + DECISION_VARIANT] as number) | 0;
      const counters = state.counters;
      counters.at(time);
      counters.countAt(state.fold.labelled(task, variant));
      counters.countAt(
        state.fold.confusion(task, variant, actual, (rows[at + DECISION_PREDICTED] as number) | 0),
      );
    }
    return INGEST_ACCEPTED;
  }

  #task(state: MonitorState, units: CodeUnits, event: EventFields): number {
    const records = state.tasks;
    const created = records.ids.size;
    const r = records.ids.internHashed(units, event.taskIdStart, event.taskIdEnd, event.recordKeyHash);
    if (r === created) {
      records.ensure(r);
      const row = r * ROW;
      records.rows[row + TASK_NAME] = this.#defaultTask;
      records.rows[row + TASK_START] = Number.NaN;
      records.rows[row + TASK_DEADLINE] = Number.NaN;
      records.rows[row + TASK_STATUS] = NO_STATUS;
    }
    const rows = records.rows;
    const at = r * ROW;
    const starting = event.status === STATUS_STARTED;
    const hadStart = !Number.isNaN(rows[at + TASK_START] as number);
    const hadEnd = (rows[at + TASK_STATUS] as number) !== NO_STATUS;
    if (starting ? hadStart : hadEnd) {
      const slotEvent = (rows[at + (starting ? TASK_START_EVENT : TASK_END_EVENT)] as number) | 0;
      return this.#eventIds.equals(slotEvent, units, event.idStart, event.idEnd)
        ? INGEST_DUPLICATE
        : INGEST_CONFLICT;
    }
    // The workflow name may be on either event; the first one given is kept.
    if (rows[at + TASK_NAME] === this.#defaultTask && event.taskStart !== ABSENT)
      rows[at + TASK_NAME] = this.#vocab.internRecent(
        units,
        event.taskStart,
        event.taskEnd,
        this.#recentTasks,
      );
    const time = event.time;
    const eventId = this.#eventIds.push(units, event.idStart, event.idEnd);
    if (starting) {
      rows[at + TASK_START] = time;
      rows[at + TASK_DEADLINE] = event.hasDeadline ? event.deadline : Number.NaN;
      rows[at + TASK_START_EVENT] = eventId;
    } else {
      rows[at + TASK_END] = time;
      rows[at + TASK_STATUS] = event.status;
      rows[at + TASK_END_EVENT] = eventId;
    }
    if (time > this.#latest) this.#latest = time;
    const hasStart = hadStart || starting;
    if (!hasStart) return INGEST_ACCEPTED;
    const start = rows[at + TASK_START] as number;
    const task = (rows[at + TASK_NAME] as number) | 0;
    const fold = state.fold;
    const counters = state.counters;
    // Every task counter is dated by the task's start.
    counters.at(start);
    if (!hadStart) counters.countAt(fold.tasksStarted(task));
    // The outcome is counted by the event that completes the pair: a start after its end, or the reverse.
    if (!(starting ? hadEnd : hadStart)) return INGEST_ACCEPTED;
    const status = (rows[at + TASK_STATUS] as number) | 0;
    const end = rows[at + TASK_END] as number;
    const ownDeadline = rows[at + TASK_DEADLINE] as number;
    const deadline = Number.isNaN(ownDeadline) ? start + fold.options.taskSlaMs : ownDeadline;
    const outcome = terminalOutcome(TASK_STATUSES[status] as TerminalStatus, end, deadline);
    counters.countAt(fold.taskOutcome(task, outcome));
    if (status === STATUS_COMPLETED) counters.countAt(fold.taskLatency(task, Math.max(0, end - start)));
    return INGEST_ACCEPTED;
  }

  /** One monitor's decision times and configured numeric feature values; undefined before its first event. */
  decisionSamples(monitor: string): DecisionSamples | undefined {
    return this.#statesByName.get(monitor)?.samples;
  }

  /** One monitor's completed tasks in record order: start time, latency and workflow name. */
  completedTasks(monitor: string): CompletedTasks {
    const state = this.#statesByName.get(monitor);
    if (!state) return { starts: new Float64Array(0), latencies: new Float64Array(0), tasks: [] };
    const records = state.tasks;
    const rows = records.rows;
    const isCompleted = (at: number) =>
      rows[at + TASK_STATUS] === STATUS_COMPLETED && !Number.isNaN(rows[at + TASK_START] as number);
    let n = 0;
    for (let r = 0; r < records.ids.size; r++) if (isCompleted(r * ROW)) n++;
    const starts = new Float64Array(n);
    const latencies = new Float64Array(n);
    const tasks: string[] = new Array(n);
    let k = 0;
    for (let r = 0; r < records.ids.size; r++) {
      const at = r * ROW;
      if (!isCompleted(at)) continue;
      const start = rows[at + TASK_START] as number;
      starts[k] = start;
      latencies[k] = Math.max(0, (rows[at + TASK_END] as number) - start);
      tasks[k] = this.#vocab.text((rows[at + TASK_NAME] as number) | 0);
      k++;
    }
    return { starts, latencies, tasks };
  }

  /**
   * The summed counters of a monitor over [from, to): the minutes whose start lies in the range.
   * O(buckets tiling the range + keys in them), after a one-off O(minute entries) index build.
   */
  countersBetween(monitor: string, from: number, to: number): CounterSet {
    const state = this.#statesByName.get(monitor);
    return state ? state.counters.sum(from, to) : new Map();
  }
}
