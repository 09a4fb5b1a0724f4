import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GRANULARITIES } from '../../../functions/domain/buckets/granularity.ts';
import {
  bucketKey,
  decisionPk,
  parseBucketKey,
  parseEventPk,
  receiptKey,
  taskPk,
} from '../../../functions/store/keys.ts';

const monitor = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const producerId = fc.string({ minLength: 1, maxLength: 40 });

describe('Function: parseEventPk', () => {
  test('decision and task keys are read back into monitor and id, even when the id contains #', () => {
    // Act + Assess
    fc.assert(
      fc.property(monitor, producerId, (m, id) => {
        expect(parseEventPk(decisionPk(m, id))).toEqual({ kind: 'decision', monitor: m, id });
        expect(parseEventPk(taskPk(m, id))).toEqual({ kind: 'task', monitor: m, id });
      }),
    );
  });

  test.each([['B#m#1m'], ['D#'], ['D#m#'], ['D##id'], ['x']])('%s is not an event key', (pk) => {
    // Act + Assess
    expect(parseEventPk(pk)).toBeUndefined();
  });
});

describe('Function: bucketKey', () => {
  test('a bucket is one partition per monitor and granularity, sorted by its ISO start', () => {
    // Act
    const key = bucketKey('bot', { granularity: '1h', start: Date.UTC(2026, 10, 20, 10) });

    // Assess
    expect(key).toEqual({ pk: 'B#bot#1h', sk: '2026-11-20T10:00:00.000Z' });
  });

  test('bucket keys are read back into monitor, granularity and start', () => {
    // Act + Assess
    fc.assert(
      fc.property(
        monitor,
        fc.constantFrom(...GRANULARITIES),
        fc.integer({ min: 0, max: 4e12 }),
        (m, g, minutes) => {
          const ref = { granularity: g, start: Math.floor(minutes / 60_000) * 60_000 };
          expect(parseBucketKey(bucketKey(m, ref))).toEqual({ monitor: m, ref });
        },
      ),
    );
  });

  test.each([
    [{ pk: 'R#abc', sk: 'p0' }],
    [{ pk: 'B#bot#2m', sk: '2026-11-20T10:00:00.000Z' }],
    [{ pk: 'B#bot#1m', sk: 'not a date' }],
  ])('%j is not a bucket key', (key) => {
    // Act + Assess
    expect(parseBucketKey(key)).toBeUndefined();
  });
});

describe('Function: receiptKey', () => {
  test('each part of a batch has its own receipt under the batch partition', () => {
    // Act + Assess
    expect([receiptKey('abc', 0), receiptKey('abc', 3)]).toEqual([
      { pk: 'R#abc', sk: 'p0' },
      { pk: 'R#abc', sk: 'p3' },
    ]);
  });
});
