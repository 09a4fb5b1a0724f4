import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DecisionEvent, LabelEvent } from '../../../functions/domain/events/event-schema.ts';
import {
  type DecisionRecord,
  decisionFacts,
  labelFacts,
  mergeIntoDecisionRecord,
} from '../../../functions/domain/pairing/decision-record.ts';

const decision: DecisionEvent = {
  type: 'decision',
  id: 'd1',
  monitor: 'm',
  time: '2026-11-20T10:00:00.250Z',
  predicted: 'escalate',
};
const label: LabelEvent = {
  type: 'label',
  id: 'l1',
  monitor: 'm',
  time: '2026-11-22T08:00:00+02:00',
  decisionId: 'd1',
  actual: 'resolve',
};

function apply(events: readonly (DecisionEvent | LabelEvent)[]): {
  record?: DecisionRecord;
  outcomes: string[];
} {
  let record: DecisionRecord | undefined;
  const outcomes: string[] = [];
  for (const e of events) {
    const merged = mergeIntoDecisionRecord(record, e);
    record = merged.record;
    outcomes.push(merged.outcome.kind);
  }
  return { ...(record ? { record } : {}), outcomes };
}

describe('Function: decisionFacts', () => {
  test('It fills the default task and variant and parses the time to epoch milliseconds.', () => {
    // Prepare
    const event = decision;

    // Act
    const facts = decisionFacts(event);

    // Assess
    expect(facts).toEqual({
      eventId: 'd1',
      time: Date.UTC(2026, 10, 20, 10, 0, 0, 250),
      predicted: 'escalate',
      task: 'default',
      variant: 'control',
    });
  });

  test('It keeps the optional confidence, features and version when they are given.', () => {
    // Prepare
    const event: DecisionEvent = {
      ...decision,
      task: 'triage',
      variant: 'canary',
      confidence: 0,
      features: { a: null },
      version: 'v2',
    };

    // Act
    const facts = decisionFacts(event);

    // Assess
    expect(facts).toMatchObject({
      task: 'triage',
      variant: 'canary',
      confidence: 0,
      features: { a: null },
      version: 'v2',
    });
  });
});

describe('Function: labelFacts', () => {
  test('It converts a zoned time to UTC epoch milliseconds.', () => {
    // Prepare
    const event = label;

    // Act
    const facts = labelFacts(event);

    // Assess
    expect(facts).toEqual({ eventId: 'l1', time: Date.UTC(2026, 10, 22, 6, 0, 0), actual: 'resolve' });
  });
});

describe('Function: mergeIntoDecisionRecord', () => {
  test.each<[string, (DecisionEvent | LabelEvent)[], string[]]>([
    ['a decision, then its label', [decision, label], ['accepted', 'accepted']],
    ['a label that arrives before its decision', [label, decision], ['accepted', 'accepted']],
    ['a re-sent decision (same id)', [decision, decision], ['accepted', 'duplicate']],
    [
      'a decision with the same id but other content',
      [decision, { ...decision, predicted: 'x' }],
      ['accepted', 'duplicate'],
    ],
    ['a re-sent label (same event id)', [decision, label, label], ['accepted', 'accepted', 'duplicate']],
    [
      'a second, different label',
      [decision, label, { ...label, id: 'l2', actual: 'escalate' }],
      ['accepted', 'accepted', 'conflict'],
    ],
  ])('It answers %s with %j.', (_what, events, expected) => {
    // Prepare
    const input = events;

    // Act
    const { outcomes } = apply(input);

    // Assess
    expect(outcomes).toEqual(expected);
  });

  test('It explains a conflict with the decision id and the event that filled the slot first.', () => {
    // Prepare
    const first = mergeIntoDecisionRecord(undefined, label).record;

    // Act
    const { record, outcome } = mergeIntoDecisionRecord(first, { ...label, id: 'l2', actual: 'escalate' });

    // Assess
    expect(outcome).toEqual({
      kind: 'conflict',
      reason: 'decision d1 already has a label (from event l1); the first label wins',
    });
    expect(record).toBe(first);
  });

  test('It keys the record by the decision id whichever event creates it.', () => {
    // Prepare
    const byLabel = mergeIntoDecisionRecord(undefined, label).record;

    // Act
    const byDecision = mergeIntoDecisionRecord(undefined, decision).record;

    // Assess
    expect(byLabel).toEqual({ monitor: 'm', decisionId: 'd1', label: labelFacts(label) });
    expect(byDecision).toEqual({ monitor: 'm', decisionId: 'd1', decision: decisionFacts(decision) });
  });

  test('It ends with the same record in any arrival order, duplicates included, and never mutates its input.', () => {
    const events = fc.array(fc.constantFrom<DecisionEvent | LabelEvent>(decision, label), {
      minLength: 0,
      maxLength: 6,
    });
    fc.assert(
      fc.property(events, (extra) => {
        // Prepare: both events at least once, in any order, some sent again.
        const sequences = [
          [decision, label, ...extra],
          [label, decision, ...extra],
          [...extra, label, decision],
        ];

        // Act
        const results = sequences.map(apply);

        // Assess
        for (const r of results) {
          expect(r.record).toEqual({
            monitor: 'm',
            decisionId: 'd1',
            decision: decisionFacts(decision),
            label: labelFacts(label),
          });
          expect(r.outcomes.filter((o) => o === 'accepted')).toHaveLength(2);
          expect(r.outcomes.filter((o) => o === 'conflict')).toHaveLength(0);
        }
      }),
    );
  });

  test('It leaves the record it was given unchanged (records are values).', () => {
    // Prepare
    const before = mergeIntoDecisionRecord(undefined, decision).record;
    const snapshot = structuredClone(before);

    // Act
    const after = mergeIntoDecisionRecord(before, label).record;

    // Assess
    expect(before).toEqual(snapshot);
    expect(after).not.toBe(before);
  });
});
