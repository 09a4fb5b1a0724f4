import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { evaluationTimeOf } from '../../../functions/handlers/evaluate.ts';
import {
  EvaluatorLoop,
  nextRunAt,
  type ScheduledEvaluationEvent,
  scheduledEvent,
} from '../../../functions/local/evaluator-loop.ts';

const T = Date.UTC(2026, 10, 20, 10, 0, 0);

describe('Function: scheduledEvent', () => {
  test('the event carries the time as EventBridge Scheduler writes it, and the evaluate handler reads it back', () => {
    // Act
    const event = scheduledEvent(T + 7 * 60_000 + 12_345);

    // Assess
    expect(event.time).toBe('2026-11-20T10:07:12Z');
    expect(evaluationTimeOf(event).asOf).toBe(T + 7 * 60_000 + 12_000);
  });
});

describe('Function: nextRunAt', () => {
  test.each([
    ['a minute schedule runs at the next minute boundary', T + 30_000, 60_000, T + 60_000],
    ['exactly on a boundary, the next one', T, 60_000, T + 60_000],
    ['a 5-second schedule runs at the next multiple of 5 s', T + 7_300, 5_000, T + 10_000],
    ['a 2-minute schedule runs at the next even minute', T + 61_000, 120_000, T + 120_000],
    ['a 7-second schedule does not divide a minute: now + 7 s', T + 1_000, 7_000, T + 8_000],
  ])('%s', (_name, now, interval, expected) => {
    // Act & Assess
    expect(nextRunAt(now, interval)).toBe(expected);
  });
});

describe('Function: EvaluatorLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T + 30_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a minute schedule evaluates each minute boundary, two seconds late, with the boundary as its time', async () => {
    // Prepare
    const times: string[] = [];
    const loop = new EvaluatorLoop({
      intervalMs: 60_000,
      evaluate: async (event: ScheduledEvaluationEvent) => {
        times.push(event.time);
      },
    });

    // Act
    loop.start();
    await vi.advanceTimersByTimeAsync(31_000);
    const afterFirstBoundary = [...times];
    await vi.advanceTimersByTimeAsync(121_000);
    await loop.stop();

    // Assess
    expect(afterFirstBoundary).toEqual([]);
    expect(times).toEqual(['2026-11-20T10:01:00Z', '2026-11-20T10:02:00Z', '2026-11-20T10:03:00Z']);
  });

  test('runs never overlap: a slow evaluation delays the next one', async () => {
    // Prepare
    let running = 0;
    let maxRunning = 0;
    const loop = new EvaluatorLoop({
      intervalMs: 5_000,
      evaluate: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 12_000));
        running--;
      },
    });

    // Act
    loop.start();
    await vi.advanceTimersByTimeAsync(60_000);
    const stopped = loop.stop();
    await vi.advanceTimersByTimeAsync(12_000);
    await stopped;

    // Assess: 12-second runs every 5 seconds: one at a time, about one per 15 seconds.
    expect(maxRunning).toBe(1);
    expect(loop.runs).toBe(4);
  });

  test('a failing evaluation is reported and the schedule goes on', async () => {
    // Prepare
    const errors: string[] = [];
    const loop = new EvaluatorLoop({
      intervalMs: 5_000,
      evaluate: async () => {
        throw new Error('DynamoDB is down');
      },
      onError: (error, event) => errors.push(`${event.time} ${(error as Error).message}`),
    });

    // Act
    loop.start();
    await vi.advanceTimersByTimeAsync(11_000);
    await loop.stop();

    // Assess
    expect(errors).toEqual([
      '2026-11-20T10:00:35Z DynamoDB is down',
      '2026-11-20T10:00:40Z DynamoDB is down',
    ]);
  });

  test('an interval under a second is refused', () => {
    // Act & Assess
    expect(() => new EvaluatorLoop({ intervalMs: 500, evaluate: async () => {} })).toThrow(RangeError);
  });
});
