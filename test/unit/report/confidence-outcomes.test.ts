import { describe, expect, test } from 'vitest';
import { counterKey, SEPARATOR } from '../../../functions/domain/counters/counter-key.ts';
import type { DecisionRecord } from '../../../functions/domain/pairing/decision-record.ts';
import {
  CONFIDENCE_OUTCOME_KIND,
  confidenceOutcome,
  confidenceOutcomesFromCounters,
  confidenceOutcomesFromRecords,
} from '../../../functions/report/confidence-outcomes.ts';

function record(
  id: string,
  time: number,
  predicted: string,
  actual: string | undefined,
  confidence: number | undefined,
  monitor = 'm',
): DecisionRecord {
  return {
    monitor,
    decisionId: id,
    decision: {
      eventId: id,
      time,
      predicted,
      task: 'default',
      variant: 'control',
      ...(confidence === undefined ? {} : { confidence }),
    },
    ...(actual === undefined ? {} : { label: { eventId: `l-${id}`, time: time + 1, actual } }),
  };
}

describe('Function: confidenceOutcome', () => {
  test.each([
    ['fraud', 'fraud', 'tp'],
    ['fraud', 'ok', 'fp'],
    ['ok', 'fraud', 'fn'],
    ['ok', 'review', 'tn'],
  ])('predicted %s, actually %s, is a %s for the positive label "fraud"', (predicted, actual, outcome) => {
    expect(confidenceOutcome(predicted, actual, 'fraud')).toBe(outcome);
  });
});

describe('Function: confidenceOutcomesFromRecords', () => {
  test('only labelled decisions with a confidence of the monitor, made in the range, are counted in their bin', () => {
    // Prepare
    const rows = [
      record('a', 100, 'fraud', 'fraud', 0.97),
      record('b', 100, 'fraud', 'ok', 0.5),
      record('c', 100, 'ok', 'fraud', 1),
      record('d', 100, 'ok', 'ok', 0),
      record('e', 100, 'fraud', undefined, 0.9), // no label yet
      record('f', 100, 'fraud', 'fraud', undefined), // no confidence
      record('g', 300, 'fraud', 'fraud', 0.9), // after the range
      record('h', 100, 'fraud', 'fraud', 0.9, 'other'), // another monitor
    ];

    // Act
    const out = confidenceOutcomesFromRecords(rows, 'm', 'fraud', 0, 200);

    // Assess
    expect(out.tp[19]).toBe(1);
    expect(out.fp[10]).toBe(1);
    expect(out.fn[19]).toBe(1);
    expect(out.tn[0]).toBe(1);
    const total = [...out.tp, ...out.fp, ...out.fn, ...out.tn].reduce((s, c) => s + c, 0);
    expect(total).toBe(4);
  });
});

const cc = (...dims: string[]) => [CONFIDENCE_OUTCOME_KIND, ...dims].join(SEPARATOR);

describe('Function: confidenceOutcomesFromCounters', () => {
  test('cc counters are decoded by bin and outcome; other counters and malformed keys are ignored', () => {
    // Prepare
    const counters = new Map([
      [cc('19', 'tp'), 7],
      [cc('3', 'fn'), 2],
      [cc('20', 'tp'), 9],
      [cc('3', 'xx'), 9],
      [counterKey('conf', '3'), 11],
    ]);

    // Act
    const out = confidenceOutcomesFromCounters(counters);

    // Assess
    expect(out?.tp[19]).toBe(7);
    expect(out?.fn[3]).toBe(2);
    expect(out?.tp.reduce((s, c) => s + c, 0)).toBe(7);
  });

  test('without any cc counter the pipeline cannot tell, so the answer is undefined', () => {
    expect(confidenceOutcomesFromCounters(new Map([[counterKey('conf', '3'), 11]]))).toBeUndefined();
  });
});
