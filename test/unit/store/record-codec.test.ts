import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import {
  type DecisionRecord,
  mergeIntoDecisionRecord,
} from '../../../functions/domain/pairing/decision-record.ts';
import { mergeIntoTaskRecord, type TaskRecord } from '../../../functions/domain/pairing/task-record.ts';
import { itemSize } from '../../../functions/store/item-size.ts';
import {
  DEFAULT_RETENTION_MS,
  decisionRecordToItem,
  expiresAtFor,
  recordFromItem,
  slotWriteFor,
  taskRecordToItem,
} from '../../../functions/store/record-codec.ts';
import { MalformedImageError } from '../../../functions/store/wire-image.ts';

const T = Date.UTC(2026, 10, 20, 10);
const iso = (ms: number) => new Date(ms).toISOString();
const text = fc.stringMatching(/^[a-zA-Z0-9 #:_.-]{1,30}$/);
const time = fc.integer({ min: T - 1e10, max: T + 1e10 });

const decisionEvent = fc.record({
  type: fc.constant('decision' as const),
  id: text,
  monitor: fc.constant('bot'),
  time: time.map(iso),
  predicted: text,
  task: fc.option(text, { nil: undefined }),
  variant: fc.option(text, { nil: undefined }),
  confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  version: fc.option(text, { nil: undefined }),
  features: fc.option(
    fc.dictionary(
      fc.stringMatching(/^[a-z_]{1,10}$/),
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.boolean(), fc.constant(null)),
    ),
    { nil: undefined },
  ),
});

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

describe('Function: recordFromItem', () => {
  test('a decision record built by any decision and label survives the item round trip', () => {
    // Act + Assess
    fc.assert(
      fc.property(decisionEvent, fc.option(fc.tuple(text, time, text)), (raw, labelParts) => {
        const event = strip(raw) as DriftwatchEvent & { type: 'decision' };
        let record: DecisionRecord = mergeIntoDecisionRecord(undefined, event).record;
        if (labelParts) {
          const [id, t, actual] = labelParts;
          record = mergeIntoDecisionRecord(record, {
            type: 'label',
            id,
            monitor: 'bot',
            time: iso(t),
            decisionId: event.id,
            actual,
          }).record;
        }
        // Confidences below DynamoDB's smallest number are stored as 0 (documented; same confidence bin).
        const c = record.decision?.confidence;
        const expected =
          c !== undefined && Math.abs(c) < 1e-130 && record.decision
            ? { ...record, decision: { ...record.decision, confidence: 0 } }
            : record;
        expect(recordFromItem(decisionRecordToItem(record))).toEqual({ kind: 'decision', record: expected });
      }),
      { seed: 1 },
    );
  });

  test('a task record with a start, a deadline, a terminal event and a workflow name survives the round trip', () => {
    // Prepare
    const started = mergeIntoTaskRecord(undefined, {
      type: 'task',
      id: 's',
      monitor: 'bot',
      time: iso(T),
      taskId: 'k#1',
      status: 'started',
      deadline: iso(T + 5000),
    }).record;
    const record: TaskRecord = mergeIntoTaskRecord(started, {
      type: 'task',
      id: 'e',
      monitor: 'bot',
      time: iso(T + 9000),
      taskId: 'k#1',
      status: 'handed_off',
      task: 'refund',
    }).record;

    // Act
    const decoded = recordFromItem(taskRecordToItem(record));

    // Assess
    expect(decoded).toEqual({ kind: 'task', record });
    expect(record.task).toBe('refund');
  });

  test.each([
    ['a key of another kind', { pk: 'B#bot#1m' }],
    ['a decision slot that is a string', { pk: 'D#bot#d', d: 'x' }],
    ['a decision without a time', { pk: 'D#bot#d', d: { p: 'x' } }],
    ['features that are not JSON', { pk: 'D#bot#d', d: { t: 1, p: 'x', f: '{' } }],
    ['features that nest objects', { pk: 'D#bot#d', d: { t: 1, p: 'x', f: '{"a":{}}' } }],
    ['a label without its actual class', { pk: 'D#bot#d', l: { i: 'l', t: 1 } }],
    ['an unknown terminal status', { pk: 'T#bot#t', x: { i: 'x', t: 1, st: 'paused' } }],
  ])('%s is a malformed image', (_name, item) => {
    // Act + Assess
    expect(() => recordFromItem(item)).toThrow(MalformedImageError);
  });
});

describe('Function: slotWriteFor', () => {
  const typical: DriftwatchEvent = {
    type: 'decision',
    id: 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff',
    monitor: 'customer-support-agent',
    time: '2026-11-20T10:00:00.123Z',
    predicted: 'refund_full',
    task: 'refund-request',
    variant: 'canary',
    version: 'model-2026-11-01',
    confidence: 0.8731,
    features: {
      amount_eur: 129.95,
      customer_tenure_days: 1243,
      channel: 'email',
      country: 'DE',
      is_vip: false,
      previous_refunds: 2,
      sentiment_score: -0.4211,
      order_age_hours: 36.5,
      language: 'de',
      product_category: 'electronics',
    },
  };

  test('a typical decision with ten features makes an item under 1 KB, so its write costs one unit', () => {
    // Prepare
    const write = slotWriteFor(typical);

    // Act
    const size = itemSize({ pk: write.pk, d: write.expressionAttributeValues[':v'], expiresAt: 1 });

    // Assess
    expect(size).toBeLessThan(1024);
  });

  test.each([
    ['decision', typical, 'd', 'SET d = :v, #e = :e'],
    [
      'label',
      { type: 'label', id: 'l', monitor: 'm', time: '2026-11-20T10:00:00Z', decisionId: 'd', actual: 'a' },
      'l',
      'SET l = :v, #e = if_not_exists(#e, :e)',
    ],
    [
      'task start',
      { type: 'task', id: 's', monitor: 'm', time: '2026-11-20T10:00:00Z', taskId: 't', status: 'started' },
      's',
      'SET s = :v, #e = :e',
    ],
    [
      'named terminal task event',
      {
        type: 'task',
        id: 'x',
        monitor: 'm',
        time: '2026-11-20T10:00:00Z',
        taskId: 't',
        status: 'failed',
        task: 'w',
      },
      'x',
      'SET x = :v, #e = if_not_exists(#e, :e), k = if_not_exists(k, :k)',
    ],
  ] as const)('a %s fills its own slot only when the slot is empty', (_name, event, slot, update) => {
    // Act
    const write = slotWriteFor(event as DriftwatchEvent);

    // Assess
    expect(write.slot).toBe(slot);
    expect(write.conditionExpression).toBe(`attribute_not_exists(${slot})`);
    expect(write.updateExpression).toBe(update);
  });

  test('a confidence below the smallest DynamoDB number is stored as 0, which is in the same bin', () => {
    // Act
    const write = slotWriteFor({ ...typical, confidence: 1e-200 } as DriftwatchEvent);

    // Assess
    expect((write.expressionAttributeValues[':v'] as { c: number }).c).toBe(0);
  });

  test('the TTL is event time plus retention, or ingest time plus retention for an event older than now', () => {
    // Prepare
    const eventTime = Date.parse('2026-11-20T10:00:00.123Z');

    // Act
    const recent = slotWriteFor(typical, { nowMs: eventTime - 1000 });
    const replayed = slotWriteFor(typical, { nowMs: eventTime + 100 * 86_400_000 });

    // Assess
    expect(recent.expressionAttributeValues[':e']).toBe(
      Math.floor((eventTime + DEFAULT_RETENTION_MS) / 1000),
    );
    expect(replayed.expressionAttributeValues[':e']).toBe(
      expiresAtFor(eventTime, DEFAULT_RETENTION_MS, eventTime + 100 * 86_400_000),
    );
    expect(replayed.expressionAttributeValues[':e']).toBe(
      Math.floor((eventTime + 100 * 86_400_000 + DEFAULT_RETENTION_MS) / 1000),
    );
  });
});
