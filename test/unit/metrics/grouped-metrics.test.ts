import { describe, expect, test } from 'vitest';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import {
  binaryMetrics,
  multiclassMetrics,
} from '../../../functions/domain/metrics/classification-metrics.ts';
import { ConfusionMatrix, confusionFromPairs } from '../../../functions/domain/metrics/confusion-matrix.ts';
import {
  binaryMetricsByGroup,
  confusionByGroup,
  type GroupedCount,
  metricsByGroup,
  pairKey,
  parsePairKey,
  rollUp,
} from '../../../functions/domain/metrics/grouped-metrics.ts';

const rows: GroupedCount[] = [
  { group: pairKey('triage', 'A'), actual: 'bug', predicted: 'bug', count: 8 },
  { group: pairKey('triage', 'A'), actual: 'bug', predicted: 'feature', count: 2 },
  { group: pairKey('triage', 'B'), actual: 'feature', predicted: 'feature', count: 5 },
  { group: pairKey('triage', 'B'), actual: 'bug', predicted: 'feature', count: 5 },
  // A second time bucket of the same pair: must be summed with the first.
  { group: pairKey('triage', 'A'), actual: 'feature', predicted: 'feature', count: 10 },
  { group: pairKey('refund', 'A'), actual: 'yes', predicted: 'no', count: 1 },
  { group: pairKey('refund', 'A'), actual: 'yes', predicted: 'yes', count: 3 },
];

describe('Function: confusionByGroup', () => {
  test('It sums the counter rows of each group into one confusion matrix.', () => {
    // Prepare
    const input = rows;

    // Act
    const groups = confusionByGroup(input);

    // Assess
    expect(groups.size).toBe(3);
    expect(groups.get(pairKey('triage', 'A'))?.total()).toBe(20);
    expect(groups.get(pairKey('triage', 'B'))?.count('bug', 'feature')).toBe(5);
  });

  test('It rejects a negative count.', () => {
    // Prepare
    const input = [{ group: 'g', actual: 'a', predicted: 'a', count: -3 }];

    // Act
    const act = () => confusionByGroup(input);

    // Assess
    expect(act).toThrow(InvalidStatisticInputError);
  });
});

describe('Function: metricsByGroup', () => {
  test('It scores each group on its own and the overall on the merged counts.', () => {
    // Prepare
    const groups = confusionByGroup(rows);

    // Act
    const result = metricsByGroup(groups);

    // Assess
    expect(result.groups.map((g) => g.group)).toEqual([
      pairKey('refund', 'A'),
      pairKey('triage', 'A'),
      pairKey('triage', 'B'),
    ]);
    expect(result.groups.map((g) => g.metrics?.accuracy)).toEqual([0.75, 0.9, 0.5]);
    expect(result.overallTotal).toBe(34);
    // Overall = counts pooled across groups, not the mean of the group accuracies.
    expect(result.overall?.accuracy).toBe((3 + 18 + 5) / 34);
    expect(result.overall?.labels).toEqual(['bug', 'feature', 'no', 'yes']);
  });

  test('It returns null metrics for a group without decisions instead of throwing.', () => {
    // Prepare
    const groups = new Map([
      ['idle', new ConfusionMatrix()],
      ['busy', confusionFromPairs(['a', 'b'], ['a', 'a'])],
    ]);

    // Act
    const result = metricsByGroup(groups);

    // Assess
    expect(result.groups).toEqual([
      { group: 'busy', total: 2, metrics: multiclassMetrics(confusionFromPairs(['a', 'b'], ['a', 'a'])) },
      { group: 'idle', total: 0, metrics: null },
    ]);
  });

  test('It returns a null overall when no group has a decision.', () => {
    // Prepare
    const groups = new Map([['idle', new ConfusionMatrix()]]);

    // Act
    const result = metricsByGroup(groups);

    // Assess
    expect(result).toEqual({
      groups: [{ group: 'idle', total: 0, metrics: null }],
      overall: null,
      overallTotal: 0,
    });
  });
});

describe('Function: binaryMetricsByGroup', () => {
  test('It scores one positive label per group and overall.', () => {
    // Prepare
    const groups = rollUp(confusionByGroup(rows), (key) => parsePairKey(key).task);

    // Act
    const result = binaryMetricsByGroup(groups, { positiveLabel: 'bug', beta: 2 });

    // Assess
    const triage = result.groups.find((g) => g.group === 'triage')?.metrics;
    expect(triage).toMatchObject({ tp: 8, fp: 0, fn: 7, tn: 15, beta: 2 });
    expect(result.groups.find((g) => g.group === 'refund')?.metrics).toMatchObject({
      tp: 0,
      support: 0,
      f1: 0,
    });
    expect(result.overall).toEqual(
      binaryMetrics(
        confusionByGroup(rows.map((r) => ({ ...r, group: 'all' }))).get('all') ?? new ConfusionMatrix(),
        {
          positiveLabel: 'bug',
          beta: 2,
        },
      ),
    );
  });
});

describe('Function: rollUp', () => {
  test('It merges (task, variant) groups into per-variant groups without modifying the inputs.', () => {
    // Prepare
    const byPair = confusionByGroup(rows);
    const before = byPair.get(pairKey('triage', 'A'))?.total();

    // Act
    const byVariant = rollUp(byPair, (key) => parsePairKey(key).variant);

    // Assess
    expect([...byVariant.keys()].sort()).toEqual(['A', 'B']);
    expect(byVariant.get('A')?.total()).toBe(24);
    expect(byVariant.get('A')?.count('yes', 'yes')).toBe(3);
    expect(byPair.get(pairKey('triage', 'A'))?.total()).toBe(before);
  });
});

describe('Function: parsePairKey', () => {
  test.each([
    ['plain names', 'triage', 'A'],
    ['separators inside names', 'a/b|c', '"quoted",x'],
    ['empty names', '', ''],
  ])('It inverts pairKey for %s.', (_what, task, variant) => {
    // Prepare
    const key = pairKey(task, variant);

    // Act
    const parsed = parsePairKey(key);

    // Assess
    expect(parsed).toEqual({ task, variant });
  });

  test.each([['triage/A'], ['["only one"]'], ['[1, 2]'], ['{"task":"a"}']])(
    'It throws on the malformed key %j.',
    (key) => {
      // Prepare
      const input = key;

      // Act
      const act = () => parsePairKey(input);

      // Assess
      expect(act).toThrow(InvalidStatisticInputError);
    },
  );
});
