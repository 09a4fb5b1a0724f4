import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sumCounters } from '../../../functions/domain/counters/counter-set.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import { FOLD_OPTIONS, history, MONITOR, minutesToRecord, rearranged, referenceFold, T0 } from './world.ts';

const MINUTE = 60_000;

function pipelineOf(events: readonly DriftwatchEvent[]): InMemoryPipeline {
  const pipeline = new InMemoryPipeline((m) => (m === MONITOR ? FOLD_OPTIONS : undefined));
  for (const e of events) pipeline.ingest(e);
  return pipeline;
}

const empty = new Map<number, Map<string, number>>();

describe('Class: InMemoryPipeline', () => {
  test('It ends with the counters of the events applied once in time order, whatever the order and duplicates.', () => {
    fc.assert(
      fc.property(
        history.chain((events) => fc.tuple(fc.constant(events), rearranged(events))),
        ([events, arrival]) => {
          // Prepare
          const expected = minutesToRecord(referenceFold(events));

          // Act
          const pipeline = pipelineOf(arrival);

          // Assess
          expect(minutesToRecord(pipeline.minuteCounters.get(MONITOR) ?? empty)).toEqual(expected);
          const times = events.map((e) => Date.parse(e.time));
          expect(pipeline.latestEventTime).toBe(Math.max(Number.NEGATIVE_INFINITY, ...times));
        },
      ),
      { numRuns: 150 },
    );
  });

  test('It sums any range of minutes like the minute counters it holds, edges in mid-minute included.', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: -10 * MINUTE, max: 7 * 60 * MINUTE }),
        fc.integer({ min: 0, max: 7 * 60 * MINUTE }),
        (events, start, length) => {
          // Prepare
          const from = T0 + start;
          const to = from + length;
          const minutes = referenceFold(events);
          const inRange = [...minutes].filter(([m]) => m >= from && m < to).map(([, set]) => set);

          // Act
          const sum = pipelineOf(events).countersBetween(MONITOR, from, to);

          // Assess
          expect(Object.fromEntries([...sum].sort())).toEqual(
            Object.fromEntries([...sumCounters(inRange)].sort()),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test('It counts a label in the minute of its decision, whether it arrives before or two days after it.', () => {
    // Prepare
    const decision: DriftwatchEvent = {
      type: 'decision',
      id: 'd',
      monitor: MONITOR,
      time: '2026-11-20T10:07:59.999Z',
      predicted: 'a',
    };
    const early: DriftwatchEvent = {
      type: 'label',
      id: 'l',
      monitor: MONITOR,
      time: '2026-11-20T09:00:00Z',
      decisionId: 'd',
      actual: 'b',
    };
    const late: DriftwatchEvent = { ...early, time: '2026-11-22T10:00:00Z' };

    // Act
    const before = pipelineOf([early, decision]).minuteCounters.get(MONITOR);
    const after = pipelineOf([decision, late]).minuteCounters.get(MONITOR);

    // Assess
    const minute = Date.parse('2026-11-20T10:07:00Z');
    for (const counters of [before, after]) {
      expect([...(counters?.keys() ?? [])]).toEqual([minute]);
      expect(counters?.get(minute)?.get('cm\u001fdefault\u001fcontrol\u001fb\u001fa')).toBe(1);
    }
  });

  test('It reports each event as accepted, duplicate, conflict or from an unknown monitor.', () => {
    // Prepare
    const pipeline = pipelineOf([]);
    const label: DriftwatchEvent = {
      type: 'label',
      id: 'l1',
      monitor: MONITOR,
      time: '2026-11-20T10:00:00Z',
      decisionId: 'd',
      actual: 'a',
    };

    // Act
    const outcomes = [
      pipeline.ingest(label),
      pipeline.ingest(label),
      pipeline.ingest({ ...label, id: 'l2', actual: 'b' }),
      pipeline.ingest({ ...label, monitor: 'nobody' }),
    ].map((o) => o.kind);

    // Assess
    expect(outcomes).toEqual(['accepted', 'duplicate', 'conflict', 'unknown_monitor']);
    expect(pipeline.countersBetween('nobody', T0, T0 + 60 * MINUTE).size).toBe(0);
  });

  test('It keeps records by monitor and id, without their feature objects, and views them by monitor␟id.', () => {
    // Prepare
    const decision: DriftwatchEvent = {
      type: 'decision',
      id: 'd',
      monitor: MONITOR,
      time: '2026-11-20T10:00:00Z',
      predicted: 'a',
      confidence: 0.5,
      features: { amount: 3 },
    };
    const start: DriftwatchEvent = {
      type: 'task',
      id: 's',
      monitor: MONITOR,
      time: '2026-11-20T10:00:00Z',
      taskId: 't',
      status: 'started',
    };

    // Act
    const pipeline = pipelineOf([decision, start]);

    // Assess
    expect([...pipeline.decisions.keys()]).toEqual([`${MONITOR}\u001fd`]);
    expect(pipeline.decisions.get(`${MONITOR}\u001fd`)?.decision).toEqual({
      eventId: 'd',
      time: Date.parse('2026-11-20T10:00:00Z'),
      predicted: 'a',
      task: 'default',
      variant: 'control',
      confidence: 0.5,
    });
    expect([...pipeline.tasks.keys()]).toEqual([`${MONITOR}\u001ft`]);
    expect([...pipeline.decisionRecords(MONITOR)]).toHaveLength(1);
    expect(pipeline.decisionSamples(MONITOR)?.column('amount')).toEqual(Float64Array.from([3]));
  });
});
