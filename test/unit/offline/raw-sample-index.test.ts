import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import { RawSampleIndex, sortedRows } from '../../../functions/offline/raw-sample-index.ts';
import { FOLD_OPTIONS, history, MONITOR, rearranged, T0 } from './world.ts';

const MINUTE = 60_000;

function indexOf(events: readonly DriftwatchEvent[]): RawSampleIndex {
  const pipeline = new InMemoryPipeline((m) => (m === MONITOR ? FOLD_OPTIONS : undefined));
  for (const e of events) pipeline.ingest(e);
  return new RawSampleIndex(pipeline);
}

/** Brute force over the arrival sequence: first decision per id, ordered by time, then by record creation. */
function expectedAmounts(events: readonly DriftwatchEvent[], from: number, to: number) {
  const created = new Map<string, number>();
  const decisions = new Map<string, { time: number; value: unknown }>();
  events.forEach((e) => {
    if (e.type === 'task') return;
    const id = e.type === 'decision' ? e.id : e.decisionId;
    if (!created.has(id)) created.set(id, created.size);
    if (e.type === 'decision' && !decisions.has(id))
      decisions.set(id, { time: Date.parse(e.time), value: e.features?.amount });
  });
  const rows = [...decisions]
    .filter(([, d]) => d.time >= from && d.time < to)
    .sort(([a, x], [b, y]) => x.time - y.time || (created.get(a) ?? 0) - (created.get(b) ?? 0));
  const values = rows
    .map(([, d]) => d.value)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return { values, missing: rows.length - values.length };
}

describe('Class: RawSampleIndex', () => {
  test('It returns a numeric feature’s values in a range, in time order, and counts the decisions lacking it.', () => {
    fc.assert(
      fc.property(
        history.chain(rearranged),
        fc.integer({ min: 0, max: 6 * 60 }),
        fc.integer({ min: 0, max: 6 * 60 }),
        (events, a, b) => {
          // Prepare
          const from = T0 + Math.min(a, b) * MINUTE;
          const to = T0 + Math.max(a, b) * MINUTE + 1;

          // Act
          const sample = indexOf(events).numericFeature(MONITOR, 'amount', from, to);

          // Assess
          const expected = expectedAmounts(events, from, to);
          expect([...sample.values]).toEqual(expected.values);
          expect(sample.missing).toBe(expected.missing);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('It returns the latencies of the tasks started in a range that completed, for one task or all.', () => {
    fc.assert(
      fc.property(history.chain(rearranged), (events) => {
        // Prepare: first start and first terminal event of each task.
        const starts = new Map<string, { time: number; status: string; task?: string }>();
        const ends = new Map<string, { time: number; status: string; task?: string }>();
        for (const e of events) {
          if (e.type !== 'task') continue;
          const slot = e.status === 'started' ? starts : ends;
          if (!slot.has(e.taskId))
            slot.set(e.taskId, {
              time: Date.parse(e.time),
              status: e.status,
              ...(e.task ? { task: e.task } : {}),
            });
        }
        const completed = [...starts]
          .filter(([id]) => ends.get(id)?.status === 'completed')
          .map(([id, s]) => ({
            start: s.time,
            task: s.task ?? ends.get(id)?.task ?? 'default',
            latency: Math.max(0, (ends.get(id)?.time ?? 0) - s.time),
          }));
        const from = T0;
        const to = T0 + 3 * 60 * MINUTE;
        const inRange = completed.filter((c) => c.start >= from && c.start < to);

        // Act
        const index = indexOf(events);
        const all = index.taskLatencies(MONITOR, undefined, from, to);
        const review = index.taskLatencies(MONITOR, 'review', from, to);

        // Assess
        expect([...all].sort((x, y) => x - y)).toEqual(inRange.map((c) => c.latency).sort((x, y) => x - y));
        expect([...review].sort((x, y) => x - y)).toEqual(
          inRange
            .filter((c) => c.task === 'review')
            .map((c) => c.latency)
            .sort((x, y) => x - y),
        );
      }),
      { numRuns: 200 },
    );
  });

  test('It reads a feature the monitor does not configure as missing everywhere.', () => {
    // Prepare
    const event: DriftwatchEvent = {
      type: 'decision',
      id: 'd',
      monitor: MONITOR,
      time: new Date(T0).toISOString(),
      predicted: 'a',
      features: { other: 5 },
    };

    // Act
    const sample = indexOf([event]).numericFeature(MONITOR, 'other', T0, T0 + MINUTE);

    // Assess
    expect(sample).toEqual({ values: new Float64Array(0), missing: 1 });
  });
});

describe('Function: sortedRows', () => {
  const orderOf = (times: number[], order: number[]) =>
    times
      .map((_, i) => i)
      .sort(
        (a, b) => (times[a] as number) - (times[b] as number) || (order[a] as number) - (order[b] as number),
      );

  test('It sorts by time, then by creation order, like a comparison sort.', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1000 })), {
          maxLength: 200,
        }),
        (rows) => {
          // Prepare: distinct creation orders, as in the pipeline.
          const times = rows.map(([t]) => t);
          const order = rows.map(([, o], i) => o * 1000 + i);

          // Act
          const result = sortedRows(Float64Array.from(times), Float64Array.from(order));

          // Assess
          expect([...result]).toEqual(orderOf(times, order));
        },
      ),
    );
  });

  test('It falls back to a full sort when the rows are far from time order.', () => {
    // Prepare: 5,000 rows in reverse order (12.5 million inversions, past the insertion-sort budget).
    const n = 5000;
    const times = Array.from({ length: n }, (_, i) => n - i);
    const order = times.map((_, i) => i);

    // Act
    const result = sortedRows(Float64Array.from(times), Float64Array.from(order));

    // Assess
    expect([...result]).toEqual(orderOf(times, order));
  });
});
