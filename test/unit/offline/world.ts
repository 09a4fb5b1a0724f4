import fc from 'fast-check';
import { addCounter, type CounterSet } from '../../../functions/domain/counters/counter-set.ts';
import { decisionDeltas } from '../../../functions/domain/counters/decision-deltas.ts';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import { taskDeltas } from '../../../functions/domain/counters/task-deltas.ts';
import type { DriftwatchEvent, FeatureValue } from '../../../functions/domain/events/event-schema.ts';
import {
  type DecisionRecord,
  mergeIntoDecisionRecord,
} from '../../../functions/domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../../../functions/domain/pairing/task-record.ts';

/**
 * Random but consistent event histories for the offline fold: decisions with every kind of feature value
 * (right and wrong types, missing), at most one label per decision (before or after it), tasks with or
 * without a deadline and a terminal event (sometimes time-stamped before the start). No two different
 * events compete for a slot, so the counters do not depend on the order of arrival.
 */

export const MONITOR = 'm';
const MINUTE = 60_000;
export const T0 = Date.parse('2026-11-20T00:00:00Z');

export const FOLD_OPTIONS: FoldOptions = {
  taskSlaMs: 10 * MINUTE,
  features: [
    { name: 'amount', kind: 'numeric' },
    { name: 'channel', kind: 'categorical', categories: ['email', 'chat'] },
    { name: 'language', kind: 'categorical' },
    { name: 'flag', kind: 'boolean' },
  ],
};

const iso = (t: number) => new Date(t).toISOString();
/** Times over six hours, with many in the same minutes. */
const time = fc.oneof(
  fc.integer({ min: 0, max: 6 * 60 * MINUTE }),
  fc.integer({ min: 0, max: 20 }).map((m) => m * MINUTE + 59_999),
);

const featureValue: fc.Arbitrary<FeatureValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0, 1, 1e-12, 100),
  fc.constantFrom('email', 'chat', 'fax', 'de', 'en', 'true', '5'),
  fc.boolean(),
);

const decision = fc.record({
  time,
  predicted: fc.constantFrom('a', 'b', 'c'),
  task: fc.option(fc.constantFrom('main', 'other'), { nil: undefined }),
  variant: fc.option(fc.constantFrom('control', 'canary'), { nil: undefined }),
  confidence: fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), {
    nil: undefined,
  }),
  features: fc.option(
    fc.record({
      amount: featureValue,
      channel: featureValue,
      language: featureValue,
      flag: featureValue,
      other: featureValue,
    }),
    { nil: undefined },
  ),
  label: fc.option(fc.record({ actual: fc.constantFrom('a', 'b', 'c'), time }), { nil: undefined }),
});

const task = fc.record({
  start: time,
  task: fc.option(fc.constantFrom('review', 'triage'), { nil: undefined }),
  deadline: fc.option(time, { nil: undefined }),
  terminal: fc.option(
    fc.record({ status: fc.constantFrom('completed', 'failed', 'handed_off' as const), time }),
    {
      nil: undefined,
    },
  ),
});

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The events of a random history, in time order. */
export const history: fc.Arbitrary<DriftwatchEvent[]> = fc
  .tuple(fc.array(decision, { maxLength: 25 }), fc.array(task, { maxLength: 12 }))
  .map(([decisions, tasks]) => {
    const events: { at: number; event: DriftwatchEvent }[] = [];
    decisions.forEach((d, i) => {
      const id = `d${i}`;
      events.push({
        at: d.time,
        event: compact({
          type: 'decision',
          id,
          monitor: MONITOR,
          time: iso(T0 + d.time),
          predicted: d.predicted,
          task: d.task,
          variant: d.variant,
          confidence: d.confidence,
          features: d.features && compact(d.features),
        }) as DriftwatchEvent,
      });
      if (d.label)
        events.push({
          at: d.label.time,
          event: {
            type: 'label',
            id: `l${i}`,
            monitor: MONITOR,
            time: iso(T0 + d.label.time),
            decisionId: id,
            actual: d.label.actual,
          },
        });
    });
    tasks.forEach((t, i) => {
      const taskId = `t${i}`;
      events.push({
        at: t.start,
        event: compact({
          type: 'task',
          id: `${taskId}-s`,
          monitor: MONITOR,
          time: iso(T0 + t.start),
          taskId,
          status: 'started',
          task: t.task,
          deadline: t.deadline === undefined ? undefined : iso(T0 + t.deadline),
        }) as DriftwatchEvent,
      });
      if (t.terminal)
        events.push({
          at: t.terminal.time,
          event: compact({
            type: 'task',
            id: `${taskId}-e`,
            monitor: MONITOR,
            time: iso(T0 + t.terminal.time),
            taskId,
            status: t.terminal.status,
            task: t.task,
          }) as DriftwatchEvent,
        });
    });
    return events.sort((a, b) => a.at - b.at).map((e) => e.event);
  });

/** The same events in any order, some of them sent again. */
export function rearranged(events: readonly DriftwatchEvent[]): fc.Arbitrary<DriftwatchEvent[]> {
  return fc
    .shuffledSubarray([...events])
    .chain((again) =>
      fc.shuffledSubarray([...events, ...again], { minLength: events.length + again.length }),
    );
}

/**
 * The reference fold: each event applied once, in time order, with the domain's merge and delta functions,
 * and the deltas summed per minute in plain maps. Returns minute start → counters.
 */
export function referenceFold(
  events: readonly DriftwatchEvent[],
  options: FoldOptions = FOLD_OPTIONS,
): Map<number, CounterSet> {
  const decisions = new Map<string, DecisionRecord>();
  const tasks = new Map<string, TaskRecord>();
  const minutes = new Map<number, CounterSet>();
  const sorted = [...events].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const e of sorted) {
    let deltas: { time: number; key: string; n: number }[];
    if (e.type === 'task') {
      const before = tasks.get(e.taskId);
      const { record, outcome } = mergeIntoTaskRecord(before, e);
      if (outcome.kind !== 'accepted') continue;
      tasks.set(e.taskId, record);
      deltas = taskDeltas(before, record, options);
    } else {
      const id = e.type === 'decision' ? e.id : e.decisionId;
      const before = decisions.get(id);
      const { record, outcome } = mergeIntoDecisionRecord(before, e);
      if (outcome.kind !== 'accepted') continue;
      decisions.set(id, record);
      deltas = decisionDeltas(before, record, options);
    }
    for (const d of deltas) {
      const minute = Math.floor(d.time / MINUTE) * MINUTE;
      let set = minutes.get(minute);
      if (!set) {
        set = new Map();
        minutes.set(minute, set);
      }
      addCounter(set, d.key, d.n);
    }
  }
  return minutes;
}

/** Minute counters as sorted plain objects, for comparisons. */
export function minutesToRecord(
  minutes: ReadonlyMap<number, ReadonlyMap<string, number>>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const m of [...minutes.keys()].sort((a, b) => a - b)) {
    const set = minutes.get(m) ?? new Map();
    out[iso(m)] = Object.fromEntries([...set.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
}
