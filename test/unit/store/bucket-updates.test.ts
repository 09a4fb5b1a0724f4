import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CounterDelta } from '../../../functions/domain/counters/fold-options.ts';
import {
  bucketUpdateOps,
  groupDeltasByBucket,
  MAX_EXPRESSION_BYTES,
  planTransactions,
  type UpdateOp,
} from '../../../functions/store/bucket-updates.ts';
import { BUCKET_TTL_MS, COUNTER_PREFIX } from '../../../functions/store/counter-attributes.ts';

const T = Date.UTC(2026, 10, 20, 10, 7, 33);
const delta = (key: string, time = T, monitor = 'bot', n = 1): CounterDelta => ({ monitor, time, key, n });

describe('Function: groupDeltasByBucket', () => {
  test('one delta lands in its minute, 10-minute, hour and day bucket', () => {
    // Act
    const updates = groupDeltasByBucket([delta('dec')]);

    // Assess
    expect(updates.map((u) => `${u.key.pk} ${u.key.sk}`)).toEqual([
      'B#bot#10m 2026-11-20T10:00:00.000Z',
      'B#bot#1d 2026-11-20T00:00:00.000Z',
      'B#bot#1h 2026-11-20T10:00:00.000Z',
      'B#bot#1m 2026-11-20T10:07:00.000Z',
    ]);
  });

  test('deltas of one bucket and key are summed; other monitors and minutes get their own buckets', () => {
    // Act
    const updates = groupDeltasByBucket([
      delta('a'),
      delta('a', T + 1000),
      delta('b', T, 'bot', 3),
      delta('a', T + 60_000),
      delta('a', T, 'other'),
    ]);

    // Assess
    const minute = updates.filter((u) => u.granularity === '1m' && u.monitor === 'bot');
    expect(minute.map((u) => [u.key.sk, Object.fromEntries(u.counters)])).toEqual([
      ['2026-11-20T10:07:00.000Z', { a: 2, b: 3 }],
      ['2026-11-20T10:08:00.000Z', { a: 1 }],
    ]);
    expect(
      Object.fromEntries(updates.find((u) => u.granularity === '1h' && u.monitor === 'bot')?.counters ?? []),
    ).toEqual({ a: 3, b: 3 });
    expect(updates.filter((u) => u.monitor === 'other').length).toBe(4);
  });
});

describe('Function: bucketUpdateOps', () => {
  test('a bucket becomes one ADD per counter under prefixed names, with the granularity TTL', () => {
    // Prepare
    const [update] = groupDeltasByBucket([
      delta('dec\u001ftriage'),
      delta('pred\u001fyes', T, 'bot', 2),
    ]).filter((u) => u.granularity === '1m');

    // Act
    const ops = update ? bucketUpdateOps(update) : [];

    // Assess
    expect(ops).toHaveLength(1);
    expect(ops[0]?.updateExpression).toBe('SET expiresAt = :t ADD #0 :n1, #1 :n2');
    expect(ops[0]?.expressionAttributeNames).toEqual({
      '#0': `${COUNTER_PREFIX}dec\u001ftriage`,
      '#1': `${COUNTER_PREFIX}pred\u001fyes`,
    });
    expect(ops[0]?.expressionAttributeValues).toEqual({
      ':t': Math.floor((Date.UTC(2026, 10, 20, 10, 7) + BUCKET_TTL_MS['1m']) / 1000),
      ':n1': 1,
      ':n2': 2,
    });
  });

  test('a bucket with thousands of counters is split so that no expression passes the 4 KB limit and every counter is added once', () => {
    // Prepare
    const deltas = Array.from({ length: 3000 }, (_, i) =>
      delta(`fn\u001ffeature\u001fp${i}`, T, 'bot', (i % 7) + 1),
    );
    const [update] = groupDeltasByBucket(deltas).filter((u) => u.granularity === '1d');

    // Act
    const ops = update ? bucketUpdateOps(update) : [];

    // Assess
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops)
      expect(Buffer.byteLength(op.updateExpression)).toBeLessThanOrEqual(MAX_EXPRESSION_BYTES);
    const added = new Map<string, number>();
    for (const op of ops) {
      for (const m of op.updateExpression.matchAll(/(#[0-9a-z]+) (:n\d+)/g)) {
        const name = op.expressionAttributeNames[m[1] ?? ''] ?? '';
        added.set(name, (added.get(name) ?? 0) + (op.expressionAttributeValues[m[2] ?? ''] ?? 0));
      }
    }
    expect(added.size).toBe(3000);
    expect(added.get(`${COUNTER_PREFIX}fn\u001ffeature\u001fp9`)).toBe(3);
  });
});

describe('Function: planTransactions', () => {
  const op = (pk: string, sk: string, estimatedBytes = 100): UpdateOp => ({
    key: { pk, sk },
    updateExpression: 'x',
    expressionAttributeNames: {},
    expressionAttributeValues: {},
    estimatedBytes,
  });

  test('parts hold at most 99 updates (the receipt is the 100th), never two on one item, within the byte budget', () => {
    // Act + Assess
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 400_000 })), {
          maxLength: 600,
        }),
        (specs) => {
          const ops = specs.map(([item, bytes]) => op(`B#m#1m`, String(item), bytes));
          const parts = planTransactions(ops);
          expect(parts.flat()).toHaveLength(ops.length);
          for (const part of parts) {
            expect(part.length).toBeLessThanOrEqual(99);
            expect(new Set(part.map((o) => o.key.sk)).size).toBe(part.length);
            expect(part.reduce((s, o) => s + o.estimatedBytes, 0)).toBeLessThanOrEqual(3_500_000);
          }
        },
      ),
      { seed: 5 },
    );
  });

  test('the same ops always give the same parts, so a retried batch meets its receipts', () => {
    // Prepare
    const ops = Array.from({ length: 250 }, (_, i) => op('B#m#1m', String(i % 120)));

    // Act
    const first = planTransactions(ops).map((p) => p.map((o) => o.key.sk));
    const second = planTransactions([...ops]).map((p) => p.map((o) => o.key.sk));

    // Assess
    expect(second).toEqual(first);
    expect(first.map((p) => p.length)).toEqual([99, 99, 52]);
  });
});
