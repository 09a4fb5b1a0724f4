import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TaskEvent } from '../../../functions/domain/events/event-schema.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../../../functions/domain/pairing/task-record.ts';

const start: TaskEvent = {
  type: 'task',
  id: 's1',
  monitor: 'm',
  time: '2026-11-20T10:00:00Z',
  taskId: 't1',
  status: 'started',
  task: 'review',
  deadline: '2026-11-20T10:30:00Z',
};
const done: TaskEvent = {
  type: 'task',
  id: 'e1',
  monitor: 'm',
  time: '2026-11-20T10:12:00Z',
  taskId: 't1',
  status: 'completed',
};

function apply(events: readonly TaskEvent[]): { record?: TaskRecord; outcomes: string[] } {
  let record: TaskRecord | undefined;
  const outcomes: string[] = [];
  for (const e of events) {
    const merged = mergeIntoTaskRecord(record, e);
    record = merged.record;
    outcomes.push(merged.outcome.kind);
  }
  return { ...(record ? { record } : {}), outcomes };
}

describe('Function: mergeIntoTaskRecord', () => {
  test('It keeps the start with its deadline and the terminal event with its status, in epoch milliseconds.', () => {
    // Prepare
    const events = [start, done];

    // Act
    const { record } = apply(events);

    // Assess
    expect(record).toEqual({
      monitor: 'm',
      taskId: 't1',
      task: 'review',
      started: { eventId: 's1', time: Date.UTC(2026, 10, 20, 10), deadline: Date.UTC(2026, 10, 20, 10, 30) },
      terminal: { eventId: 'e1', time: Date.UTC(2026, 10, 20, 10, 12), status: 'completed' },
    });
  });

  test.each<[string, TaskEvent[], string[]]>([
    ['a terminal event before its start', [done, start], ['accepted', 'accepted']],
    ['a re-sent start', [start, start], ['accepted', 'duplicate']],
    ['a second start with another id', [start, { ...start, id: 's2' }], ['accepted', 'conflict']],
    ['a re-sent terminal event', [start, done, done], ['accepted', 'accepted', 'duplicate']],
    [
      'a second terminal event',
      [start, done, { ...done, id: 'e2', status: 'failed' }],
      ['accepted', 'accepted', 'conflict'],
    ],
  ])('It answers %s with %j.', (_what, events, expected) => {
    // Prepare
    const input = events;

    // Act
    const { outcomes } = apply(input);

    // Assess
    expect(outcomes).toEqual(expected);
  });

  test('It names the slot and the winning event in a conflict.', () => {
    // Prepare
    const events = [start, done, { ...done, id: 'e2', status: 'handed_off' as const }];

    // Act
    const last = mergeIntoTaskRecord(apply(events.slice(0, 2)).record, events[2] as TaskEvent);

    // Assess
    expect(last.outcome).toEqual({
      kind: 'conflict',
      reason: 'task t1 already has a terminal event (e1); the first one wins',
    });
  });

  test.each<[string, TaskEvent[], string]>([
    [
      'only the terminal event names it',
      [
        { ...start, task: undefined },
        { ...done, task: 'triage' },
      ],
      'triage',
    ],
    ['only the start names it', [{ ...done }, start], 'review'],
    ['neither names it', [{ ...start, task: undefined }, done], 'default'],
    ['both name it (the first one given wins)', [start, { ...done, task: 'other' }], 'review'],
  ])('It takes the workflow name from whichever event gives it when %s.', (_what, events, expected) => {
    // Prepare
    const input = events;

    // Act
    const { record } = apply(input);

    // Assess
    expect(record?.task).toBe(expected);
  });

  test('It ends with the same start and terminal facts in any arrival order, with duplicates.', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(start, done), { maxLength: 5 }),
        fc.boolean(),
        (extra, startFirst) => {
          // Prepare
          const events = startFirst ? [start, done, ...extra] : [...extra, done, start];

          // Act
          const { record, outcomes } = apply(events);

          // Assess
          expect(record?.started).toEqual({
            eventId: 's1',
            time: Date.UTC(2026, 10, 20, 10),
            deadline: Date.UTC(2026, 10, 20, 10, 30),
          });
          expect(record?.terminal).toEqual({
            eventId: 'e1',
            time: Date.UTC(2026, 10, 20, 10, 12),
            status: 'completed',
          });
          expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(2);
        },
      ),
    );
  });
});
