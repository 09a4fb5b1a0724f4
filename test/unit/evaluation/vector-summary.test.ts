import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { counterKey, COUNTER_KINDS as K } from '../../../functions/domain/counters/counter-key.ts';
import { type CounterSet, sumCounters } from '../../../functions/domain/counters/counter-set.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import { addVector, CounterLayout } from '../../../functions/domain/evaluation/counter-layout.ts';
import { VectorSummary } from '../../../functions/domain/evaluation/vector-summary.ts';
import { summarizeCounters } from '../../../functions/domain/evaluation/window-summary.ts';
import { binIndex, binKey } from '../../../functions/domain/histogram/log-buckets.ts';
import { summarySnapshot } from './summary-snapshot.ts';

const keyPool = [
  counterKey(K.decisions, 'main', 'control'),
  counterKey(K.decisions, 'main', 'canary'),
  counterKey(K.decisions, 'main', 'canary', 'extra'),
  counterKey(K.labelled, 'main', 'control'),
  counterKey(K.confusion, 'main', 'control', 'a', 'b'),
  counterKey(K.confusion, 'main', 'control', 'a', 'a'),
  counterKey(K.confusion, 'main', 'canary', 'b', 'b'),
  counterKey(K.predicted, 'b'),
  counterKey(K.confidence, '3'),
  counterKey(K.confidence, '03'),
  counterKey(K.confidence, '20'),
  counterKey(K.numericFeature, 'amount', binKey(binIndex(42))),
  counterKey(K.numericFeature, 'amount', binKey(binIndex(-7))),
  counterKey(K.numericFeature, 'amount', binKey(0)),
  counterKey(K.numericFeature, 'score', binKey(binIndex(0.5))),
  counterKey(K.categoricalFeature, 'channel', 'email'),
  counterKey(K.categoricalFeature, 'channel', 'chat'),
  counterKey(K.missingFeature, 'amount'),
  counterKey(K.tasksStarted, 'review'),
  counterKey(K.taskOutcome, 'review', 'failed'),
  counterKey(K.taskOutcome, 'review', 'completedWithinSla'),
  counterKey(K.taskOutcome, 'review', 'exploded'),
  counterKey(K.taskLatency, 'review', binKey(binIndex(90_000))),
  counterKey(K.taskLatency, 'triage', binKey(binIndex(1_000))),
  'future\u001fkind',
  'dec',
];

const counterSet = fc
  .array(fc.tuple(fc.constantFrom(...keyPool), fc.integer({ min: 0, max: 9 })), { maxLength: 16 })
  .map((entries) => new Map(entries));

/** The summary of the sum of `sets` the way the evaluator builds it: one vector per set, added up. */
function vectorSummaryOf(sets: readonly CounterSet[], layout = new CounterLayout()): VectorSummary {
  const vectors = sets.map((s) => layout.vectorOf(s));
  const sum = new Float64Array(layout.size);
  for (const v of vectors) addVector(sum, v);
  return new VectorSummary(layout, sum);
}

describe('Class: VectorSummary', () => {
  test('The summary of added bucket vectors equals summarizeCounters of the summed buckets, field by field.', () => {
    fc.assert(
      fc.property(fc.array(counterSet, { maxLength: 6 }), (buckets) => {
        // Act
        const fromVectors = vectorSummaryOf(buckets);
        const fromSum = summarizeCounters(sumCounters(buckets));

        // Assess
        expect(summarySnapshot(fromVectors)).toEqual(summarySnapshot(fromSum));
      }),
      { numRuns: 300 },
    );
  });

  test('Merging buckets before or after summarising gives the same summary (the layout is shared).', () => {
    fc.assert(
      fc.property(counterSet, counterSet, (a, b) => {
        // Prepare
        const layout = new CounterLayout();

        // Act
        const merged = vectorSummaryOf([sumCounters([a, b])], layout);
        const summed = vectorSummaryOf([a, b], layout);

        // Assess
        expect(summarySnapshot(summed)).toEqual(summarySnapshot(merged));
      }),
    );
  });

  test('Slots numbered by other ranges, or zero in this one, are left out.', () => {
    // Prepare
    const layout = new CounterLayout();
    const early = layout.vectorOf(new Map([[counterKey(K.predicted, 'a'), 2]]));
    layout.vectorOf(new Map([[counterKey(K.predicted, 'b'), 5]]));

    // Act
    const summary = new VectorSummary(layout, early);

    // Assess
    expect(summary.predicted).toEqual(new Map([['a', 2]]));
  });

  test('A histogram bin key that does not parse fails the field that needs it, as summarizeCounters fails.', () => {
    // Prepare
    const bad: CounterSet = new Map([
      [counterKey(K.numericFeature, 'amount', 'p007'), 1],
      [counterKey(K.predicted, 'b'), 1],
    ]);
    const summary = vectorSummaryOf([bad]);

    // Act + Assess
    expect(() => summarizeCounters(bad)).toThrow(InvalidStatisticInputError);
    expect(() => summary.numericFeatures).toThrow(InvalidStatisticInputError);
    expect(summary.predicted).toEqual(new Map([['b', 1]]));
  });

  test('A bad bin key whose counts sum to zero in a range fails nothing, as before.', () => {
    // Prepare: never produced by the fold, but the old decoder skipped zero counters before parsing.
    const key = counterKey(K.numericFeature, 'amount', 'p007');

    // Act
    const summary = vectorSummaryOf([new Map([[key, 2]]), new Map([[key, -2]])]);

    // Assess
    expect(summary.numericFeatures.size).toBe(0);
  });

  test('Each field is built once and then kept.', () => {
    // Prepare
    const summary = vectorSummaryOf([new Map([[counterKey(K.tasksStarted, 'review'), 3]])]);

    // Act
    const first = summary.tasksStarted;
    const second = summary.tasksStarted;

    // Assess
    expect(second).toBe(first);
    expect(first).toEqual(new Map([['review', 3]]));
  });
});
