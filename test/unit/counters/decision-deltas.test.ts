import { describe, expect, test } from 'vitest';
import { counterKey, COUNTER_KINDS as K } from '../../../functions/domain/counters/counter-key.ts';
import {
  CONFIDENCE_BINS,
  confidenceBin,
  decisionDeltas,
} from '../../../functions/domain/counters/decision-deltas.ts';
import type { FoldOptions } from '../../../functions/domain/counters/fold-options.ts';
import type { DecisionEvent, LabelEvent } from '../../../functions/domain/events/event-schema.ts';
import {
  type DecisionRecord,
  mergeIntoDecisionRecord,
} from '../../../functions/domain/pairing/decision-record.ts';

const options: FoldOptions = {
  taskSlaMs: 60_000,
  features: [
    { name: 'amount', kind: 'numeric' },
    { name: 'channel', kind: 'categorical', categories: ['email', 'chat'] },
    { name: 'card_present', kind: 'boolean' },
  ],
};

const decision: DecisionEvent = {
  type: 'decision',
  id: 'd1',
  monitor: 'fraud',
  time: '2026-11-20T10:07:30Z',
  predicted: 'fraud',
  task: 'card',
  variant: 'canary',
  confidence: 0.97,
  features: { amount: 100, channel: 'fax', card_present: null, ignored: 'x' },
};
const label: LabelEvent = {
  type: 'label',
  id: 'l1',
  monitor: 'fraud',
  time: '2026-11-23T18:00:00Z',
  decisionId: 'd1',
  actual: 'legit',
};
const decisionTime = Date.parse(decision.time);

/** Applies events in order and collects every delta, as the aggregator would. */
function fold(events: readonly (DecisionEvent | LabelEvent)[]): { key: string; time: number; n: number }[] {
  let record: DecisionRecord | undefined;
  const out: { key: string; time: number; n: number }[] = [];
  for (const e of events) {
    const { record: after, outcome } = mergeIntoDecisionRecord(record, e);
    if (outcome.kind !== 'accepted') continue;
    for (const d of decisionDeltas(record, after, options)) out.push({ key: d.key, time: d.time, n: d.n });
    record = after;
  }
  return out;
}

const decisionKeys = [
  counterKey(K.decisions, 'card', 'canary'),
  counterKey(K.predicted, 'fraud'),
  counterKey(K.confidence, '19'),
  // binIndex(100) = 1268 for the default 1 % scheme (log-buckets.ts example).
  counterKey(K.numericFeature, 'amount', 'p1268'),
  counterKey(K.categoricalFeature, 'channel', 'other'),
  counterKey(K.missingFeature, 'card_present'),
];
const pairKeys = [
  counterKey(K.labelled, 'card', 'canary'),
  counterKey(K.confusion, 'card', 'canary', 'legit', 'fraud'),
];

describe('Function: decisionDeltas', () => {
  test('It counts a decision once, with its configured features only, in the bucket of its time.', () => {
    // Prepare
    const events = [decision];

    // Act
    const deltas = fold(events);

    // Assess
    expect(deltas.map((d) => d.key)).toEqual(decisionKeys);
    expect(deltas.every((d) => d.time === decisionTime && d.n === 1)).toBe(true);
  });

  test.each<[string, (DecisionEvent | LabelEvent)[]]>([
    ['a label three days after its decision', [decision, label]],
    ['a label that arrives before its decision', [label, decision]],
    [
      're-sent events and a conflicting second label',
      [decision, label, decision, label, { ...label, id: 'l2', actual: 'fraud' }],
    ],
  ])('It counts the pair once, at the decision’s time, for %s.', (_what, events) => {
    // Prepare
    const input = events;

    // Act
    const deltas = fold(input);

    // Assess
    expect(deltas.map((d) => d.key).sort()).toEqual([...decisionKeys, ...pairKeys].sort());
    expect(deltas.every((d) => d.time === decisionTime)).toBe(true);
  });

  test('It adds nothing for a label whose decision has not arrived yet.', () => {
    // Prepare
    const after = mergeIntoDecisionRecord(undefined, label).record;

    // Act
    const deltas = decisionDeltas(undefined, after, options);

    // Assess
    expect(deltas).toEqual([]);
  });

  test.each<[string, Record<string, unknown> | undefined, string[]]>([
    ['no features at all', undefined, ['fmiss\u001famount', 'fmiss\u001fchannel', 'fmiss\u001fcard_present']],
    ['a numeric feature sent as text', { amount: '100' }, ['fmiss\u001famount']],
    ['a boolean feature sent as a number', { card_present: 1 }, ['fmiss\u001fcard_present']],
    ['a declared category', { channel: 'email' }, ['fc\u001fchannel\u001femail']],
    ['a negative amount', { amount: -100 }, ['fn\u001famount\u001fn1268']],
    ['a zero amount', { amount: 0 }, ['fn\u001famount\u001fz']],
    ['true', { card_present: true }, ['fc\u001fcard_present\u001ftrue']],
  ])('It counts %s as expected.', (_what, features, expected) => {
    // Prepare
    const { features: _dropped, ...rest } = decision;
    const event: DecisionEvent = features === undefined ? rest : { ...rest, features: features as never };

    // Act
    const keys = fold([event]).map((d) => d.key);

    // Assess
    for (const k of expected) expect(keys).toContain(k);
  });
});

describe('Function: confidenceBin', () => {
  test.each([
    [0, 0],
    [0.0499, 0],
    [0.05, 1],
    [0.5, 10],
    [0.9499, 18],
    [0.95, 19],
    [1, 19],
  ])('It puts confidence %d in bin %d of 20 equal-width bins (1 falls in the last).', (confidence, bin) => {
    // Prepare
    const input = confidence;

    // Act
    const result = confidenceBin(input);

    // Assess
    expect(result).toBe(bin);
    expect(result).toBeLessThan(CONFIDENCE_BINS);
  });
});
