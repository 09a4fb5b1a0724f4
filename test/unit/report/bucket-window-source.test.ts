import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { countersToRecord } from '../../../functions/domain/counters/counter-set.ts';
import { foldOptionsLookup } from '../../../functions/domain/counters/fold-options-from-config.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import {
  cachedRanges,
  memoisedBuckets,
  sumOfCover,
} from '../../../functions/reporter/bucket-window-source.ts';
import { CONFIG, WEEK, weekEvents } from './week-scenario.ts';

const MINUTE = 60_000;

describe('Function: sumOfCover over memoisedBuckets', { timeout: 60_000 }, () => {
  const pipeline = new InMemoryPipeline(foldOptionsLookup(CONFIG));
  let lookup: ReturnType<typeof memoisedBuckets>;

  beforeAll(() => {
    for (const e of weekEvents(4_000)) pipeline.ingest(e);
    lookup = memoisedBuckets((m, start) => pipeline.minuteCounters.get(m)?.get(start));
  });

  test('any minute-aligned range sums to the same counters as adding up its minutes', () => {
    const start = WEEK.from - 14 * 1440;
    const minutes = 21 * 1440;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: minutes }),
        fc.integer({ min: 0, max: minutes }),
        fc.constantFrom('fraud-screening', 'review-agent'),
        (a, b, monitor) => {
          const from = WEEK.from - 14 * 86_400_000 + Math.min(a, b) * MINUTE;
          const to = WEEK.from - 14 * 86_400_000 + Math.max(a, b) * MINUTE;
          expect(countersToRecord(sumOfCover(lookup, monitor, from, to))).toEqual(
            countersToRecord(pipeline.countersBetween(monitor, from, to)),
          );
        },
      ),
      { numRuns: 60 },
    );
    expect(start).toBeLessThan(WEEK.from);
  });

  test('a week of a busy monitor is not empty, so the comparison above compares counts', () => {
    expect(sumOfCover(lookup, 'fraud-screening', WEEK.from, WEEK.to).size).toBeGreaterThan(50);
  });

  test('an empty or inverted range has no counters', () => {
    expect(sumOfCover(lookup, 'fraud-screening', WEEK.to, WEEK.from).size).toBe(0);
  });
});

describe('Function: cachedRanges', () => {
  test('a range is summed once and the same counters are returned for it afterwards', () => {
    // Prepare
    let calls = 0;
    const cached = cachedRanges((_m, from, to) => {
      calls++;
      return new Map([['x', to - from]]);
    });

    // Act
    const a = cached('m', 0, 60_000);
    const b = cached('m', 0, 60_000);
    const c = cached('n', 0, 60_000);

    // Assess
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(calls).toBe(2);
  });
});
