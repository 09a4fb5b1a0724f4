import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  addTaskOutcome,
  classifyTask,
  completionSli,
  emptyTaskOutcomeCounts,
  TASK_OUTCOMES,
  type TaskOutcome,
  type TaskTerminalStatus,
} from '../../../functions/domain/metrics/task-completion.ts';

describe('Function: completionSli', () => {
  test('It divides tasks completed within SLA by decided tasks, excluding pending ones.', () => {
    // Prepare
    const outcomes = {
      started: 12,
      completedWithinSla: 6,
      completedLate: 1,
      failed: 1,
      handedOff: 1,
      timedOut: 1,
      pending: 2,
    };

    // Act
    const sli = completionSli(outcomes);

    // Assess
    expect(sli).toEqual({ good: 6, total: 10, bad: 4, ratio: 0.6, breakdown: outcomes });
  });

  test.each([
    ['completedLate', 0.5],
    ['failed', 0.5],
    ['handedOff', 0.5],
    ['timedOut', 0.5],
    ['pending', 1],
  ] as const)('It counts one %s task next to one on-time task as ratio %d.', (kind, expected) => {
    // Prepare
    const outcomes = addTaskOutcome(addTaskOutcome(emptyTaskOutcomeCounts(), 'completedWithinSla'), kind);

    // Act
    const sli = completionSli(outcomes);

    // Assess
    expect(sli.ratio).toBe(expected);
    expect(sli.breakdown.started).toBe(2);
  });

  test('It returns a null ratio when no task is decided (only pending ones).', () => {
    // Prepare
    const outcomes = addTaskOutcome(emptyTaskOutcomeCounts(), 'pending', 4);

    // Act
    const sli = completionSli(outcomes);

    // Assess
    expect(sli).toMatchObject({ good: 0, total: 0, ratio: null });
  });

  test.each([
    ['a negative count', { ...emptyTaskOutcomeCounts(), failed: -1 }],
    ['a fractional count', { ...emptyTaskOutcomeCounts(), completedWithinSla: 0.5 }],
    ['a NaN started count', { ...emptyTaskOutcomeCounts(), started: Number.NaN }],
  ])('It throws on %s.', (_what, outcomes) => {
    // Prepare
    const input = outcomes;

    // Act
    const act = () => completionSli(input);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });

  test('It keeps the ratio in [0, 1] and null exactly when nothing is decided.', () => {
    const count = fc.nat({ max: 1_000_000 });
    fc.assert(
      fc.property(fc.tuple(count, count, count, count, count, count, count), (values) => {
        // Prepare
        const [started, completedWithinSla, completedLate, failed, handedOff, timedOut, pending] = values;
        const outcomes = { started, completedWithinSla, completedLate, failed, handedOff, timedOut, pending };

        // Act
        const sli = completionSli(outcomes);

        // Assess
        expect(sli.total).toBe(completedWithinSla + completedLate + failed + handedOff + timedOut);
        if (sli.total === 0) {
          expect(sli.ratio).toBeNull();
        } else {
          expect(sli.ratio).toBeGreaterThanOrEqual(0);
          expect(sli.ratio).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('Function: classifyTask', () => {
  const startedAt = 1_000;
  const deadline = 2_000;

  test.each<[string, number | undefined, TaskTerminalStatus | undefined, number, TaskOutcome]>([
    ['completed before the deadline', 1_500, 'completed', 5_000, 'completedWithinSla'],
    ['completed exactly at the deadline', 2_000, 'completed', 5_000, 'completedWithinSla'],
    ['completed after the deadline', 2_001, 'completed', 5_000, 'completedLate'],
    ['failed', 1_200, 'failed', 5_000, 'failed'],
    ['handed off to a human', 1_200, 'handed_off', 5_000, 'handedOff'],
    ['reported as timed out', 2_500, 'timed_out', 5_000, 'timedOut'],
    ['open before its deadline', undefined, undefined, 1_999, 'pending'],
    ['open exactly at its deadline', undefined, undefined, 2_000, 'timedOut'],
    ['open past its deadline', undefined, undefined, 9_000, 'timedOut'],
    ['completed after asOf, before the deadline', 1_900, 'completed', 1_800, 'pending'],
    ['completed after asOf, asOf past the deadline', 3_000, 'completed', 2_500, 'timedOut'],
  ])('It classifies a task %s.', (_what, terminalAt, status, asOf, expected) => {
    // Prepare
    const task = { startedAt, terminalAt, status, deadline, asOf };

    // Act
    const outcome = classifyTask(task);

    // Assess
    expect(outcome).toBe(expected);
  });

  test.each([
    ['a deadline before the start', { startedAt, deadline: 500, asOf: 3_000 }],
    ['asOf before the start', { startedAt, deadline, asOf: 999 }],
    ['a terminal time without a status', { startedAt, deadline, asOf: 3_000, terminalAt: 1_500 }],
    ['a status without a terminal time', { startedAt, deadline, asOf: 3_000, status: 'failed' as const }],
    [
      'a terminal time before the start',
      { startedAt, deadline, asOf: 3_000, terminalAt: 10, status: 'failed' as const },
    ],
    ['a NaN time', { startedAt: Number.NaN, deadline, asOf: 3_000 }],
    [
      'an unknown status',
      {
        startedAt,
        deadline,
        asOf: 3_000,
        terminalAt: 1_500,
        status: 'done' as unknown as TaskTerminalStatus,
      },
    ],
  ])('It throws on %s.', (_what, task) => {
    // Prepare
    const input = task;

    // Act
    const act = () => classifyTask(input);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });

  test('It returns pending only while the deadline is in the future, and every outcome is a known kind.', () => {
    const time = fc.integer({ min: 0, max: 10_000 });
    const status = fc.constantFrom<TaskTerminalStatus | undefined>(
      'completed',
      'failed',
      'handed_off',
      'timed_out',
      undefined,
    );
    fc.assert(
      fc.property(time, time, time, time, status, (start, deadlineOffset, asOfOffset, terminalOffset, s) => {
        // Prepare
        const task = {
          startedAt: start,
          deadline: start + deadlineOffset,
          asOf: start + asOfOffset,
          terminalAt: s === undefined ? undefined : start + terminalOffset,
          status: s,
        };

        // Act
        const outcome = classifyTask(task);

        // Assess
        expect(TASK_OUTCOMES).toContain(outcome);
        if (outcome === 'pending') expect(task.deadline).toBeGreaterThan(task.asOf);
        if (task.deadline > task.asOf && (task.terminalAt === undefined || task.terminalAt > task.asOf)) {
          expect(outcome).toBe('pending');
        }
      }),
    );
  });
});
