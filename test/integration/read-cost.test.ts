import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { coverWindow, effectiveWindow, unionOfCovers } from '../../functions/domain/buckets/cover-window.ts';
import { type CounterSet, countersToRecord } from '../../functions/domain/counters/counter-set.ts';
import { InMemoryFold } from '../../functions/ingest/in-memory-fold.ts';
import { readCounters, readWindow } from '../../functions/store/read-counters.ts';
import { createPipeline, type Pipeline } from './helpers/local-pipeline.ts';
import { FOLD_OPTIONS, scenario } from './helpers/scenario.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LOW = 'low-volume';
const HIGH = 'high-volume';
const foldOptions = new Map([
  [LOW, FOLD_OPTIONS],
  [HIGH, FOLD_OPTIONS],
]);

// 13:37 UTC of the latest day where that is in the past: a 30-day window ending there starts on a day
// boundary (1/24 of 30 days rounds to days) and is tiled by 29 days + 13 hours + 3 ten-minute + 7 minute buckets.
const today = Math.floor(Date.now() / DAY) * DAY;
const AS_OF =
  today + 13 * HOUR + 37 * MINUTE + 12_000 <= Date.now()
    ? today + 13 * HOUR + 37 * MINUTE + 12_000
    : today - DAY + 13 * HOUR + 37 * MINUTE + 12_000;
const THIRTY_DAYS = 30 * DAY;
const EXPECTED_ITEMS = 29 + 13 + 3 + 7;
const SLO_WINDOWS = [5 * MINUTE, 30 * MINUTE, HOUR, 6 * HOUR, DAY, 3 * DAY, THIRTY_DAYS];

describe('Function: readWindow (bounded reads on DynamoDB Local)', () => {
  const endpoint = inject('dynamodbEndpoint');
  let pipeline: Pipeline;
  const expected = new Map<string, CounterSet>([
    [LOW, new Map()],
    [HIGH, new Map()],
  ]);

  beforeAll(async () => {
    pipeline = await createPipeline({ endpoint, foldOptions, maxBatchSize: 1000 });
    const window = effectiveWindow(AS_OF, THIRTY_DAYS);
    const fold = new InMemoryFold(
      (m) => foldOptions.get(m),
      (d) => {
        const set = expected.get(d.monitor);
        if (set && d.time >= window.from && d.time < window.to) set.set(d.key, (set.get(d.key) ?? 0) + d.n);
      },
    );
    const start = AS_OF - THIRTY_DAYS - DAY;
    const low = scenario({
      monitor: LOW,
      seed: 3,
      decisions: 12,
      tasks: 4,
      start,
      spanMs: THIRTY_DAYS + DAY,
    });
    const high = scenario({
      monitor: HIGH,
      seed: 4,
      decisions: 400,
      tasks: 80,
      start,
      spanMs: THIRTY_DAYS + DAY,
    });
    for (const e of [...low, ...high]) fold.add(e);
    await pipeline.post([...low, ...high]);
    await pipeline.drain();
  }, 300_000);
  afterAll(() => pipeline.destroy());

  test('a 30-day window costs the same number of item reads at low and at high volume', async () => {
    // Prepare
    const deps = { client: pipeline.doc, tableName: pipeline.tables.state, consistentRead: true };

    // Act
    const low = await readWindow(deps, LOW, AS_OF, THIRTY_DAYS);
    const high = await readWindow(deps, HIGH, AS_OF, THIRTY_DAYS);

    // Assess
    expect(low.itemsRead).toBe(EXPECTED_ITEMS);
    expect(high.itemsRead).toBe(EXPECTED_ITEMS);
    expect(countersToRecord(high.counters)).toEqual(countersToRecord(expected.get(HIGH) ?? new Map()));
    expect(countersToRecord(low.counters)).toEqual(countersToRecord(expected.get(LOW) ?? new Map()));
    expect(
      (high.counters.get('dec\u001ftriage\u001fcontrol') ?? 0) /
        (low.counters.get('dec\u001ftriage\u001fcontrol') ?? 1),
    ).toBeGreaterThan(10);
  });

  test('every SLO window up to 30 days together reads the same bounded number of items whatever the volume', async () => {
    // Prepare
    const deps = { client: pipeline.doc, tableName: pipeline.tables.state, consistentRead: true };
    const refs = unionOfCovers(SLO_WINDOWS.map((w) => coverWindow(AS_OF, w)));

    // Act
    const low = await readCounters(deps, LOW, refs);
    const high = await readCounters(deps, HIGH, refs);

    // Assess
    expect(low.itemsRead).toBe(refs.length);
    expect(high.itemsRead).toBe(refs.length);
    expect(refs.length).toBeLessThanOrEqual(200);
    expect(high.requests).toBe(Math.ceil(refs.length / 100));
  });
});
