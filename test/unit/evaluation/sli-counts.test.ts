import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { counterKey, COUNTER_KINDS as K } from '../../../functions/domain/counters/counter-key.ts';
import type { CounterSet } from '../../../functions/domain/counters/counter-set.ts';
import {
  accuracySliCounts,
  completionSliCounts,
  filteredConfusion,
  filteredCount,
  type HandedOffCounts,
  latencySliCounts,
  precisionSliCounts,
  recallSliCounts,
  taskOutcomeCounts,
} from '../../../functions/domain/evaluation/sli-counts.ts';
import { summarizeCounters } from '../../../functions/domain/evaluation/window-summary.ts';
import { SparseHistogram } from '../../../functions/domain/histogram/histogram.ts';
import { ConfusionMatrix } from '../../../functions/domain/metrics/confusion-matrix.ts';
import type { TaskOutcomeCounts } from '../../../functions/domain/metrics/task-completion.ts';

const cm = (task: string, variant: string, actual: string, predicted: string) =>
  counterKey(K.confusion, task, variant, actual, predicted);

const summary = summarizeCounters(
  new Map([
    [cm('triage', 'control', 'esc', 'esc'), 5],
    [cm('triage', 'canary', 'esc', 'res'), 2],
    [cm('refund', 'control', 'res', 'esc'), 3],
    [counterKey(K.decisions, 'triage', 'control'), 10],
    [counterKey(K.decisions, 'triage', 'canary'), 4],
    [counterKey(K.decisions, 'refund', 'control'), 6],
  ]) as CounterSet,
);

describe('Function: filteredConfusion', () => {
  test.each<[string, { task?: string; variant?: string }, number]>([
    ['no filter', {}, 10],
    ['one task', { task: 'triage' }, 7],
    ['one variant', { variant: 'control' }, 8],
    ['a task and a variant', { task: 'triage', variant: 'canary' }, 2],
    ['a task that has no decisions', { task: 'unknown' }, 0],
  ])('It merges the matrices of the pairs that pass %s.', (_what, filter, total) => {
    // Prepare
    const input = filter;

    // Act
    const matrix = filteredConfusion(summary, input);

    // Assess
    expect(matrix.total()).toBe(total);
  });
});

describe('Function: filteredCount', () => {
  test('It sums per-pair counts over the pairs that pass the filter.', () => {
    // Prepare
    const counts = summary.decisions;

    // Act
    const sums = [
      filteredCount(counts),
      filteredCount(counts, { variant: 'control' }),
      filteredCount(counts, { task: 'triage' }),
    ];

    // Assess
    expect(sums).toEqual([20, 16, 14]);
  });
});

describe('Function: taskOutcomeCounts', () => {
  test('It derives timed-out tasks from the settled part of the window and pending ones from the rest.', () => {
    // Prepare: 10 started in the window, 6 of them early enough to be settled; 4 of those ended.
    const all = summarizeCounters(
      new Map([
        [counterKey(K.tasksStarted, 'review'), 10],
        [counterKey(K.taskOutcome, 'review', 'completedWithinSla'), 5],
        [counterKey(K.taskOutcome, 'review', 'failed'), 1],
      ]) as CounterSet,
    );
    const settled = summarizeCounters(
      new Map([
        [counterKey(K.tasksStarted, 'review'), 6],
        [counterKey(K.taskOutcome, 'review', 'completedWithinSla'), 3],
        [counterKey(K.taskOutcome, 'review', 'failed'), 1],
      ]) as CounterSet,
    );

    // Act
    const outcomes = taskOutcomeCounts(all, settled);

    // Assess
    expect(outcomes).toEqual({
      started: 10,
      completedWithinSla: 5,
      completedLate: 0,
      failed: 1,
      handedOff: 0,
      timedOut: 2,
      pending: 2,
    });
  });
});

describe('Function: completionSliCounts', () => {
  const outcomes: TaskOutcomeCounts = {
    started: 20,
    completedWithinSla: 10,
    completedLate: 2,
    failed: 1,
    handedOff: 4,
    timedOut: 1,
    pending: 2,
  };

  test.each<[HandedOffCounts, number, number]>([
    ['failure', 10, 18],
    ['success', 14, 18],
    ['excluded', 10, 14],
  ])('It counts a hand-off as a %s: good %d of %d decided tasks.', (mode, good, total) => {
    // Prepare
    const input = outcomes;

    // Act
    const counts = completionSliCounts(input, mode);

    // Assess
    expect(counts).toEqual({ good, total });
  });
});

describe('Function: latencySliCounts', () => {
  test('It counts completed tasks at or under the threshold (by bin representative) over all completed tasks.', () => {
    // Prepare
    const histogram = SparseHistogram.fromValues([1_000, 2_000, 50_000, 70_000]);

    // Act
    const counts = latencySliCounts(histogram, 60_000);

    // Assess
    expect(counts).toEqual({ good: 3, total: 4 });
    expect(latencySliCounts(undefined, 60_000)).toEqual({ good: 0, total: 0 });
  });
});

describe('Functions: precisionSliCounts, recallSliCounts, accuracySliCounts', () => {
  const label = fc.constantFrom('a', 'b', 'c');

  test('They count good and valid events exactly as a hand count over the (actual, predicted) pairs.', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(label, label), { maxLength: 40 }), label, (pairs, positive) => {
        // Prepare
        const matrix = new ConfusionMatrix();
        for (const [actual, predicted] of pairs) matrix.add(actual, predicted);

        // Act
        const precision = precisionSliCounts(matrix, positive);
        const recall = recallSliCounts(matrix, positive);
        const accuracy = accuracySliCounts(matrix);

        // Assess
        const tp = pairs.filter(([a, p]) => a === positive && p === positive).length;
        expect(precision).toEqual({ good: tp, total: pairs.filter(([, p]) => p === positive).length });
        expect(recall).toEqual({ good: tp, total: pairs.filter(([a]) => a === positive).length });
        expect(accuracy).toEqual({ good: pairs.filter(([a, p]) => a === p).length, total: pairs.length });
      }),
    );
  });

  test('They fall back to accuracy when the monitor has no positive label.', () => {
    // Prepare
    const matrix = new ConfusionMatrix().add('a', 'a', 3).add('a', 'b', 1);

    // Act
    const counts = [precisionSliCounts(matrix, undefined), recallSliCounts(matrix, undefined)];

    // Assess
    expect(counts).toEqual([
      { good: 3, total: 4 },
      { good: 3, total: 4 },
    ]);
  });
});
