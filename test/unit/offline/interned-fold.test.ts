import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decisionDeltas } from '../../../functions/domain/counters/decision-deltas.ts';
import { taskDeltas } from '../../../functions/domain/counters/task-deltas.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import {
  type DecisionRecord,
  mergeIntoDecisionRecord,
} from '../../../functions/domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../../../functions/domain/pairing/task-record.ts';
import { InternedFold } from '../../../functions/offline/interned-fold.ts';
import { FOLD_OPTIONS, history, rearranged } from './world.ts';

/** Runs the events through the domain's merge functions and returns, per accepted change, both folds' output. */
function bothFolds(events: readonly DriftwatchEvent[]) {
  const keys: string[] = [];
  const ids = new Map<string, number>();
  const fold = new InternedFold(FOLD_OPTIONS, (key) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = keys.length;
      keys.push(key);
      ids.set(key, id);
    }
    return id;
  });
  const decisions = new Map<string, DecisionRecord>();
  const tasks = new Map<string, TaskRecord>();
  const domain: string[] = [];
  const interned: string[] = [];
  const emit = (time: number, id: number) => interned.push(`${time} ${keys[id]}`);
  for (const e of events) {
    if (e.type === 'task') {
      const before = tasks.get(e.taskId);
      const { record, outcome } = mergeIntoTaskRecord(before, e);
      if (outcome.kind !== 'accepted') continue;
      tasks.set(e.taskId, record);
      for (const d of taskDeltas(before, record, FOLD_OPTIONS)) domain.push(`${d.time} ${d.key}`);
      fold.task(before, record, emit);
    } else {
      const id = e.type === 'decision' ? e.id : e.decisionId;
      const before = decisions.get(id);
      const { record, outcome } = mergeIntoDecisionRecord(before, e);
      if (outcome.kind !== 'accepted') continue;
      decisions.set(id, record);
      for (const d of decisionDeltas(before, record, FOLD_OPTIONS)) domain.push(`${d.time} ${d.key}`);
      fold.decision(before, record, emit);
    }
  }
  return { domain, interned, distinctKeys: keys.length };
}

describe('Class: InternedFold', () => {
  test('It emits the same counters, in the same order, as decisionDeltas and taskDeltas for every change.', () => {
    fc.assert(
      fc.property(history.chain(rearranged), (events) => {
        // Prepare
        const input = events;

        // Act
        const { domain, interned, distinctKeys } = bothFolds(input);

        // Assess
        expect(interned).toEqual(domain);
        expect(distinctKeys).toBe(new Set(domain.map((d) => d.slice(d.indexOf(' ') + 1))).size);
      }),
      { numRuns: 300 },
    );
  });

  test('It still categorises correctly after more distinct values than it remembers.', () => {
    // Prepare: 5,000 distinct languages (the cache keeps 4,096), each sent twice.
    const events: DriftwatchEvent[] = [];
    for (let i = 0; i < 10_000; i++)
      events.push({
        type: 'decision',
        id: `d${i}`,
        monitor: 'm',
        time: '2026-11-20T10:00:00Z',
        predicted: 'a',
        features: { language: `lang-${i % 5000}` },
      });

    // Act
    const { domain, interned } = bothFolds(events);

    // Assess
    expect(interned).toEqual(domain);
  });
});
