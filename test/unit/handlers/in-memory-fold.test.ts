import { describe, expect, test } from 'vitest';
import { COUNTER_KINDS, counterKey } from '../../../functions/domain/counters/counter-key.ts';
import type { CounterDelta, FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { foldEventsIntoBuckets, InMemoryFold } from '../../../functions/ingest/in-memory-fold.ts';

const OPTIONS: FoldOptions = { taskSlaMs: 60_000, features: [] };
const d: DriftwatchEvent = {
  type: 'decision',
  id: 'd1',
  monitor: 'bot',
  time: '2026-11-20T10:00:30Z',
  predicted: 'yes',
};
const l: DriftwatchEvent = {
  type: 'label',
  id: 'l1',
  monitor: 'bot',
  time: '2026-11-23T10:00:00Z',
  decisionId: 'd1',
  actual: 'no',
};
const l2: DriftwatchEvent = { ...l, id: 'l2', actual: 'yes' };

describe('Class: InMemoryFold', () => {
  test.each([
    ['decision then label', [d, l]],
    ['label then decision', [l, d]],
    ['everything twice', [l, d, d, l]],
  ])('%s gives one decision and one pair, both at the decision time', (_name, events) => {
    // Prepare
    const deltas: CounterDelta[] = [];
    const fold = new InMemoryFold(
      () => OPTIONS,
      (x) => deltas.push(x),
    );

    // Act
    for (const e of events) fold.add(e);

    // Assess
    expect(deltas.map((x) => [x.key, x.time]).sort()).toEqual(
      [
        [counterKey(COUNTER_KINDS.decisions, 'default', 'control'), Date.parse(d.time)],
        [counterKey(COUNTER_KINDS.predicted, 'yes'), Date.parse(d.time)],
        [counterKey(COUNTER_KINDS.labelled, 'default', 'control'), Date.parse(d.time)],
        [counterKey(COUNTER_KINDS.confusion, 'default', 'control', 'no', 'yes'), Date.parse(d.time)],
      ].sort(),
    );
  });

  test('a second label for a decision is a conflict and the first label stays counted', () => {
    // Prepare
    const fold = new InMemoryFold(
      () => OPTIONS,
      () => {},
    );

    // Act
    const outcomes = [d, l, l2, l].map((e) => fold.add(e).kind);

    // Assess
    expect(outcomes).toEqual(['accepted', 'accepted', 'conflict', 'duplicate']);
  });

  test('events of a monitor without fold options are merged but add no counters', () => {
    // Prepare
    const deltas: CounterDelta[] = [];
    const fold = new InMemoryFold(
      () => undefined,
      (x) => deltas.push(x),
    );

    // Act
    const outcome = fold.add(d);

    // Assess
    expect(outcome.kind).toBe('accepted');
    expect(deltas).toEqual([]);
  });
});

describe('Function: foldEventsIntoBuckets', () => {
  test('every counter is in the minute, 10-minute, hour and day bucket of its time', () => {
    // Act
    const { buckets } = foldEventsIntoBuckets([d, l], () => OPTIONS);

    // Assess
    expect([...(buckets.get('bot')?.keys() ?? [])].sort()).toEqual([
      '10m:2026-11-20T10:00:00.000Z',
      '1d:2026-11-20T00:00:00.000Z',
      '1h:2026-11-20T10:00:00.000Z',
      '1m:2026-11-20T10:00:00.000Z',
    ]);
    for (const set of buckets.get('bot')?.values() ?? []) expect(set.size).toBe(4);
  });
});
