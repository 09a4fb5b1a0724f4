import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { counterKey, COUNTER_KINDS as K } from '../../../functions/domain/counters/counter-key.ts';
import { type CounterSet, sumCounters } from '../../../functions/domain/counters/counter-set.ts';
import { summarizeCounters } from '../../../functions/domain/evaluation/window-summary.ts';
import { binIndex, binKey } from '../../../functions/domain/histogram/log-buckets.ts';
import { pairKey } from '../../../functions/domain/metrics/grouped-metrics.ts';

const keyPool = [
  counterKey(K.decisions, 'main', 'control'),
  counterKey(K.decisions, 'main', 'canary'),
  counterKey(K.labelled, 'main', 'control'),
  counterKey(K.confusion, 'main', 'control', 'a', 'b'),
  counterKey(K.confusion, 'main', 'canary', 'b', 'b'),
  counterKey(K.predicted, 'b'),
  counterKey(K.confidence, '3'),
  counterKey(K.numericFeature, 'amount', binKey(binIndex(42))),
  counterKey(K.categoricalFeature, 'channel', 'email'),
  counterKey(K.missingFeature, 'amount'),
  counterKey(K.tasksStarted, 'review'),
  counterKey(K.taskOutcome, 'review', 'failed'),
  counterKey(K.taskLatency, 'review', binKey(binIndex(90_000))),
  'future\u001fkind',
];

const counterSet = fc
  .array(fc.tuple(fc.constantFrom(...keyPool), fc.integer({ min: 1, max: 9 })), { maxLength: 12 })
  .map((entries) => sumCounters(entries.map(([k, n]) => new Map([[k, n]]))));

describe('Function: summarizeCounters', () => {
  test('It decodes every kind of counter into the structure the metrics read.', () => {
    // Prepare
    const counters: CounterSet = new Map(keyPool.map((k, i) => [k, i + 1]));

    // Act
    const s = summarizeCounters(counters);

    // Assess
    expect(s.decisions).toEqual(
      new Map([
        [pairKey('main', 'control'), 1],
        [pairKey('main', 'canary'), 2],
      ]),
    );
    expect(s.labelled).toEqual(new Map([[pairKey('main', 'control'), 3]]));
    expect(s.confusion.get(pairKey('main', 'control'))?.count('a', 'b')).toBe(4);
    expect(s.confusion.get(pairKey('main', 'canary'))?.count('b', 'b')).toBe(5);
    expect(s.predicted).toEqual(new Map([['b', 6]]));
    expect(s.confidence[3]).toBe(7);
    expect(s.numericFeatures.get('amount')?.countAt(binIndex(42))).toBe(8);
    expect(s.categoricalFeatures.get('channel')).toEqual(new Map([['email', 9]]));
    expect(s.missingFeatures).toEqual(new Map([['amount', 10]]));
    expect(s.tasksStarted).toEqual(new Map([['review', 11]]));
    expect(s.taskOutcomes.get('review')).toEqual({
      completedWithinSla: 0,
      completedLate: 0,
      failed: 12,
      handedOff: 0,
    });
    expect(s.taskLatency.get('review')?.total).toBe(13);
    expect(s.unknown).toEqual(new Map([['future\u001fkind', 14]]));
  });

  test.each<[string, string]>([
    ['a confidence bin outside 0..19', counterKey(K.confidence, '20')],
    ['a confidence bin that is not a number', counterKey(K.confidence, 'x')],
    ['an unknown task outcome', counterKey(K.taskOutcome, 'review', 'exploded')],
  ])('It keeps %s as unknown instead of dropping it.', (_what, key) => {
    // Prepare
    const counters: CounterSet = new Map([[key, 2]]);

    // Act
    const s = summarizeCounters(counters);

    // Assess
    expect(s.unknown).toEqual(new Map([[key, 2]]));
  });

  test('It skips counters that are zero.', () => {
    // Prepare
    const counters: CounterSet = new Map([[counterKey(K.predicted, 'b'), 0]]);

    // Act
    const s = summarizeCounters(counters);

    // Assess
    expect(s.predicted.size).toBe(0);
  });

  test('It summarises the sum of two windows as the sum of their summaries.', () => {
    fc.assert(
      fc.property(counterSet, counterSet, (a, b) => {
        // Prepare
        const both = sumCounters([a, b]);

        // Act
        const [sa, sb, sab] = [summarizeCounters(a), summarizeCounters(b), summarizeCounters(both)];

        // Assess
        const add = (x: Map<string, number>, y: Map<string, number>) =>
          Object.fromEntries(
            [...new Set([...x.keys(), ...y.keys()])].map((k) => [k, (x.get(k) ?? 0) + (y.get(k) ?? 0)]),
          );
        expect(Object.fromEntries(sab.decisions)).toEqual(add(sa.decisions, sb.decisions));
        expect(Object.fromEntries(sab.tasksStarted)).toEqual(add(sa.tasksStarted, sb.tasksStarted));
        expect(sab.confidence).toEqual(sa.confidence.map((c, i) => c + (sb.confidence[i] ?? 0)));
        const total = (s: typeof sa) => [...s.confusion.values()].reduce((n, m) => n + m.total(), 0);
        expect(total(sab)).toBe(total(sa) + total(sb));
      }),
    );
  });
});
