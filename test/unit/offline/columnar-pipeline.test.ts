import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import {
  ColumnarPipeline,
  INGEST_ACCEPTED,
  INGEST_CONFLICT,
  INGEST_DECLINED,
  INGEST_DUPLICATE,
} from '../../../functions/offline/columnar-pipeline.ts';
import { EventFields } from '../../../functions/offline/event-fields.ts';
import { readEventLine } from '../../../functions/offline/event-line-parser.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import { FOLD_OPTIONS, history, MONITOR, rearranged, T0 } from './world.ts';

const HOUR = 3_600_000;
const KINDS = ['accepted', 'duplicate', 'conflict', 'unknown_monitor'];

/** The events, some sent again under another id (a competing label or task event), one for an unknown monitor. */
function withImpostors(events: readonly DriftwatchEvent[]): fc.Arbitrary<DriftwatchEvent[]> {
  return fc.tuple(rearranged(events), fc.subarray([...events]), fc.nat()).map(([arranged, copied, at]) => {
    const out = [...arranged];
    copied.forEach((e, i) => {
      out.splice((at + i * 7) % (out.length + 1), 0, { ...e, id: `${e.id}-again` });
    });
    if (events[0]) out.splice(at % (out.length + 1), 0, { ...events[0], monitor: 'unknown' });
    return out;
  });
}

const histories = history.chain(withImpostors);

type Reader = 'bytes' | 'events';

/** Offers every event to both pipelines and returns both outcome lists. */
function ingestBoth(events: readonly DriftwatchEvent[], reader: Reader, options: FoldOptions = FOLD_OPTIONS) {
  const foldOptionsFor = (m: string) => (m === MONITOR ? options : undefined);
  const reference = new InMemoryPipeline(foldOptionsFor);
  const columnar = new ColumnarPipeline(foldOptionsFor);
  const fields = new EventFields();
  const expected: string[] = [];
  const actual: string[] = [];
  for (const original of events) {
    // What a file holds: the event as JSON text (so -0 reads as 0 on both paths).
    const line = JSON.stringify(original);
    const event = JSON.parse(line) as DriftwatchEvent;
    expected.push(reference.ingest(event).kind);
    let outcome = INGEST_DECLINED;
    if (reader === 'bytes') {
      const bytes = Buffer.from(line, 'utf8');
      if (readEventLine(bytes, 0, bytes.length, fields)) outcome = columnar.ingest(bytes, fields);
    }
    if (outcome === INGEST_DECLINED) outcome = columnar.ingestEvent(event);
    actual.push(KINDS[outcome] ?? 'declined');
  }
  return { reference, columnar, expected, actual };
}

/** Counters over windows of several sizes and alignments, as ordered entries (key order matters to the output). */
function countersOf(pipeline: { countersBetween: InMemoryPipeline['countersBetween'] }, monitor: string) {
  const out: [number, number, [string, number][]][] = [];
  for (const [from, to] of [
    [T0 - HOUR, T0 + 8 * HOUR],
    [T0 + 30 * 60_000, T0 + 2 * HOUR + 17 * 60_000],
    [T0 + 59 * 60_000, T0 + 61 * 60_000],
    [T0 + 3 * HOUR, T0 + 4 * HOUR],
  ] as const)
    out.push([from, to, [...pipeline.countersBetween(monitor, from, to)]]);
  return out;
}

function samplesOf(pipeline: InMemoryPipeline | ColumnarPipeline, monitor: string) {
  const samples = pipeline.decisionSamples(monitor);
  if (!samples) return undefined;
  return {
    times: [...samples.times.view()],
    order: [...samples.order.view()],
    amount: [...(samples.column('amount') ?? [])],
  };
}

describe('Class: ColumnarPipeline', () => {
  for (const reader of ['bytes', 'events'] as const) {
    test(`It gives the outcomes, counters, samples and tasks of InMemoryPipeline for random histories (events read as ${reader}).`, () => {
      fc.assert(
        fc.property(histories, (events) => {
          // Act
          const { reference, columnar, expected, actual } = ingestBoth(events, reader);

          // Assess
          expect(actual).toEqual(expected);
          expect(columnar.latestEventTime).toBe(reference.latestEventTime);
          expect(countersOf(columnar, MONITOR)).toEqual(countersOf(reference, MONITOR));
          expect(samplesOf(columnar, MONITOR)).toEqual(samplesOf(reference, MONITOR));
          expect(columnar.completedTasks(MONITOR)).toEqual(reference.completedTasks(MONITOR));
          expect(columnar.countersBetween('unknown', T0, T0 + HOUR)).toEqual(new Map());
        }),
        { numRuns: 200 },
      );
    });
  }

  test('It reads features named like inherited properties by name, as the record-based fold does.', () => {
    // Prepare
    const options: FoldOptions = {
      taskSlaMs: 60_000,
      features: [
        { name: 'constructor', kind: 'categorical' },
        { name: 'toString', kind: 'numeric' },
        { name: 'amount', kind: 'numeric' },
      ],
    };
    const decision = (id: string, features?: Record<string, unknown>) =>
      ({
        type: 'decision',
        id,
        monitor: MONITOR,
        time: '2026-11-20T00:01:00Z',
        predicted: 'a',
        ...(features === undefined ? {} : { features }),
      }) as DriftwatchEvent;
    const events = [
      decision('d1', { amount: 3 }),
      decision('d2', { constructor: 'x', toString: 4 }),
      decision('d3'),
      decision('d4', {}),
    ];

    // Act
    const { reference, columnar, expected, actual } = ingestBoth(events, 'bytes', options);

    // Assess
    expect(actual).toEqual(expected);
    expect(countersOf(columnar, MONITOR)).toEqual(countersOf(reference, MONITOR));
  });

  test('It finds each feature whatever the order of the keys of the features object, event after event.', () => {
    const entries: [string, unknown][] = [
      ['amount', 12.5],
      ['channel', 'chat'],
      ['language', 'de'],
      ['flag', true],
      ['other', 'x'],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.shuffledSubarray(entries), { minLength: 1, maxLength: 12 }),
        (featureObjects) => {
          // Prepare: the same features in a different order (some left out) on each decision.
          const events = featureObjects.map(
            (features, i) =>
              ({
                type: 'decision',
                id: `d${i}`,
                monitor: MONITOR,
                time: new Date(T0 + i * 61_000).toISOString(),
                predicted: 'a',
                features: Object.fromEntries(features),
              }) as DriftwatchEvent,
          );

          // Act
          const { reference, columnar, expected, actual } = ingestBoth(events, 'bytes');

          // Assess
          expect(actual).toEqual(expected);
          expect(countersOf(columnar, MONITOR)).toEqual(countersOf(reference, MONITOR));
          expect(samplesOf(columnar, MONITOR)).toEqual(samplesOf(reference, MONITOR));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('It tells a re-sent label (duplicate) from a competing one (conflict), ids in any script.', () => {
    // Prepare
    const label = (id: string) =>
      ({
        type: 'label',
        id,
        monitor: MONITOR,
        time: '2026-11-20T00:01:00Z',
        decisionId: 'dé\ud800',
        actual: 'a',
      }) as DriftwatchEvent;
    const pipeline = new ColumnarPipeline((m) => (m === MONITOR ? FOLD_OPTIONS : undefined));

    // Act
    const outcomes = [label('l\ud800'), label('l\ud800'), label('l\ufffd')].map((e) =>
      pipeline.ingestEvent(e),
    );

    // Assess
    expect(outcomes).toEqual([INGEST_ACCEPTED, INGEST_DUPLICATE, INGEST_CONFLICT]);
  });
});
