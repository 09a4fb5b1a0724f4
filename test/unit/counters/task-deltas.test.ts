import { describe, expect, test } from 'vitest';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import { storedOutcome, taskDeadline, taskDeltas } from '../../../functions/domain/counters/task-deltas.ts';
import type { TaskEvent } from '../../../functions/domain/events/event-schema.ts';
import { binIndex, binKey } from '../../../functions/domain/histogram/log-buckets.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../../../functions/domain/pairing/task-record.ts';

const SLA = 30 * 60_000;
const options: FoldOptions = { taskSlaMs: SLA, features: [] };
const T0 = Date.parse('2026-11-20T10:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

const start = (extra: Partial<TaskEvent> = {}): TaskEvent => ({
  type: 'task',
  id: 's',
  monitor: 'm',
  time: iso(T0),
  taskId: 't',
  status: 'started',
  task: 'review',
  ...extra,
});
const end = (status: TaskEvent['status'], at: number): TaskEvent => ({
  type: 'task',
  id: 'e',
  monitor: 'm',
  time: iso(at),
  taskId: 't',
  status,
});

function record(events: readonly TaskEvent[]): TaskRecord {
  let r: TaskRecord | undefined;
  for (const e of events) r = mergeIntoTaskRecord(r, e).record;
  if (!r) throw new Error('no events');
  return r;
}

function fold(events: readonly TaskEvent[]): { key: string; time: number }[] {
  let r: TaskRecord | undefined;
  const out: { key: string; time: number }[] = [];
  for (const e of events) {
    const { record: after, outcome } = mergeIntoTaskRecord(r, e);
    if (outcome.kind !== 'accepted') continue;
    for (const d of taskDeltas(r, after, options)) out.push({ key: d.key, time: d.time });
    r = after;
  }
  return out;
}

describe('Function: taskDeadline', () => {
  test.each<[string, TaskEvent[], number | undefined]>([
    ['a start without a deadline (start + SLA)', [start()], T0 + SLA],
    ['a start with its own deadline', [start({ deadline: iso(T0 + 5_000) })], T0 + 5_000],
    ['a terminal event without a start', [end('completed', T0)], undefined],
  ])('It gives the deadline of %s.', (_what, events, expected) => {
    // Prepare
    const r = record(events);

    // Act
    const deadline = taskDeadline(r, options);

    // Assess
    expect(deadline).toBe(expected);
  });
});

describe('Function: storedOutcome', () => {
  test.each<[string, TaskEvent['status'], number, string | undefined]>([
    ['a completion before the deadline', 'completed', T0 + SLA - 1, 'completedWithinSla'],
    ['a completion exactly at the deadline', 'completed', T0 + SLA, 'completedWithinSla'],
    ['a completion one millisecond late', 'completed', T0 + SLA + 1, 'completedLate'],
    ['a failure', 'failed', T0 + 1, 'failed'],
    ['a hand-off', 'handed_off', T0 + 1, 'handedOff'],
  ])('It classifies %s.', (_what, status, at, expected) => {
    // Prepare
    const r = record([start(), end(status, at)]);

    // Act
    const outcome = storedOutcome(r, options);

    // Assess
    expect(outcome).toBe(expected);
  });

  test('It has no outcome while the terminal event is missing.', () => {
    // Prepare
    const r = record([start()]);

    // Act
    const outcome = storedOutcome(r, options);

    // Assess
    expect(outcome).toBeUndefined();
  });
});

describe('Function: taskDeltas', () => {
  const latency = 12 * 60_000;
  const completed = [
    'ts\u001freview',
    'to\u001freview\u001fcompletedWithinSla',
    `tl\u001freview\u001f${binKey(binIndex(latency))}`,
  ];

  test.each<[string, TaskEvent[], string[]]>([
    ['a start, then its completion', [start(), end('completed', T0 + latency)], completed],
    ['a completion that arrives before its start', [end('completed', T0 + latency), start()], completed],
    [
      're-sent start and terminal events',
      [start(), end('completed', T0 + latency), start(), end('completed', T0 + latency)],
      completed,
    ],
    [
      'a failure (no latency is recorded)',
      [start(), end('failed', T0 + 1_000)],
      ['ts\u001freview', 'to\u001freview\u001ffailed'],
    ],
    ['a terminal event whose start never arrives', [end('completed', T0)], []],
    ['a start alone', [start()], ['ts\u001freview']],
  ])('It counts %s once, in the bucket of the start.', (_what, events, expected) => {
    // Prepare
    const input = events;

    // Act
    const deltas = fold(input);

    // Assess
    expect(deltas.map((d) => d.key)).toEqual(expected);
    expect(deltas.every((d) => d.time === T0)).toBe(true);
  });

  test('It counts a terminal event time-stamped before the start as latency zero.', () => {
    // Prepare
    const events = [start(), end('completed', T0 - 5_000)];

    // Act
    const keys = fold(events).map((d) => d.key);

    // Assess
    expect(keys).toContain('tl\u001freview\u001fz');
  });
});
