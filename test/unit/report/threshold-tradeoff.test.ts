import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CONFIDENCE_BINS } from '../../../functions/domain/counters/decision-deltas.ts';
import { InvalidStatisticInputError } from '../../../functions/domain/errors.ts';
import type { DecisionRecord } from '../../../functions/domain/pairing/decision-record.ts';
import {
  type ConfidenceOutcomes,
  confidenceOutcomesFromRecords,
} from '../../../functions/report/confidence-outcomes.ts';
import { thresholdTradeoff } from '../../../functions/report/threshold-tradeoff.ts';
import { REFERENCE, type TradeoffCase } from './reference.ts';

function records(c: TradeoffCase): DecisionRecord[] {
  return c.actual.map((actual, i) => ({
    monitor: 'm',
    decisionId: `d${i}`,
    decision: {
      eventId: `d${i}`,
      time: 1_000 + i,
      predicted: c.predicted[i] ?? '',
      task: 'default',
      variant: 'control',
      confidence: c.confidence[i] ?? 0,
    },
    label: { eventId: `l${i}`, time: 5_000, actual },
  }));
}

const zeros = () => new Array<number>(CONFIDENCE_BINS).fill(0);

describe('Function: thresholdTradeoff', () => {
  test.each(REFERENCE.tradeoff)(
    'on $name, counts and scores at every threshold equal scikit-learn with predictions kept from that confidence up',
    (c) => {
      // Prepare
      const outcomes = confidenceOutcomesFromRecords(records(c), 'm', c.positive, 0, 1e12);

      // Act
      const rows = thresholdTradeoff(outcomes);

      // Assess
      expect(rows).toHaveLength(c.rows.length);
      rows.forEach((row, k) => {
        const want = c.rows[k];
        expect(want).toBeDefined();
        if (!want) return;
        expect(row.threshold).toBeCloseTo(want.threshold, 12);
        expect([row.tp, row.fp, row.fn, row.tn]).toEqual([want.tp, want.fp, want.fn, want.tn]);
        if (want.precision === null) expect(row.precision).toBeNull();
        else expect(row.precision).toBeCloseTo(want.precision, 12);
        if (want.recall === null) expect(row.recall).toBeNull();
        else expect(row.recall).toBeCloseTo(want.recall, 12);
        expect(row.f1).toBeCloseTo(want.f1, 12);
      });
    },
  );

  test('the scores vary with the threshold in the reference cases, so the comparison above can fail', () => {
    for (const c of REFERENCE.tradeoff) {
      const recalls = new Set(c.rows.map((r) => r.recall));
      expect(recalls.size).toBeGreaterThan(3);
    }
  });

  test('nothing is acted on above the highest confidence: precision is undefined (null), not zero', () => {
    // Prepare
    const tp = zeros();
    tp[5] = 3;
    const fn = zeros();
    fn[19] = 2;

    // Act
    const rows = thresholdTradeoff({ tp, fp: zeros(), fn, tn: zeros() });

    // Assess
    expect(rows[6]).toMatchObject({ tp: 0, fp: 0, fn: 5, precision: null, recall: 0, f1: 0, actedOn: 0 });
    expect(rows[0]).toMatchObject({ tp: 3, fn: 2, precision: 1, recall: 0.6 });
  });

  test('with no positive label at all, recall is undefined (null)', () => {
    const fp = zeros();
    fp[10] = 4;
    const rows = thresholdTradeoff({ tp: zeros(), fp, fn: zeros(), tn: zeros() });
    expect(rows[0]).toMatchObject({ recall: null, precision: 0, f1: 0 });
  });

  test.each<[string, ConfidenceOutcomes, string]>([
    ['no decision at all', { tp: zeros(), fp: zeros(), fn: zeros(), tn: zeros() }, 'nothing to trade off'],
    ['a bin missing', { tp: zeros().slice(1), fp: zeros(), fn: zeros(), tn: zeros() }, '20 bins'],
    [
      'a negative count',
      { tp: [-1, ...zeros().slice(1)], fp: zeros(), fn: zeros(), tn: zeros() },
      'non-negative',
    ],
  ])('%s is refused', (_, outcomes, message) => {
    expect(() => thresholdTradeoff(outcomes)).toThrow(InvalidStatisticInputError);
    expect(() => thresholdTradeoff(outcomes)).toThrow(message);
  });

  test('raising the threshold never adds acted-on decisions or recall, and tp + fn stays the number of positives', () => {
    const bins = fc.array(fc.nat(50), { minLength: CONFIDENCE_BINS, maxLength: CONFIDENCE_BINS });
    fc.assert(
      fc.property(bins, bins, bins, bins, (tp, fp, fn, tn) => {
        fc.pre([...tp, ...fp, ...fn, ...tn].some((c) => c > 0));
        const rows = thresholdTradeoff({ tp, fp, fn, tn });
        const positives = [...tp, ...fn].reduce((s, c) => s + c, 0);
        const total = [...tp, ...fp, ...fn, ...tn].reduce((s, c) => s + c, 0);
        for (let k = 0; k < rows.length; k++) {
          const r = rows[k];
          if (!r) continue;
          expect(r.tp + r.fn).toBe(positives);
          expect(r.tp + r.fp + r.fn + r.tn).toBe(total);
          const prev = rows[k - 1];
          if (prev) {
            expect(r.actedOn).toBeLessThanOrEqual(prev.actedOn);
            if (r.recall !== null && prev.recall !== null) expect(r.recall).toBeLessThanOrEqual(prev.recall);
          }
        }
      }),
    );
  });
});
