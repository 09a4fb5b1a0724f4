import { describe, expect, test } from 'vitest';
import { evaluationSnapshot, snapshotDue } from '../../../functions/evaluator/evaluation-snapshot.ts';
import { AS_OF, knownEvaluation } from './fixtures.ts';

const at = (h: number, m: number) => Date.UTC(2026, 10, 20, h, m);

describe('Function: evaluationSnapshot', () => {
  test('It keeps per SLO the ratio, budget and burn rates, per window the headline numbers, and the drift statuses.', () => {
    // Act
    const snapshot = evaluationSnapshot(knownEvaluation());

    // Assess
    expect(snapshot.monitor).toBe('triage');
    expect(snapshot.asOf).toBe(new Date(AS_OF).toISOString());
    expect(snapshot.headlineWindow).toBe('1h');
    const recall = snapshot.slos.find((s) => s.name === 'escalation-recall');
    // The last decision is 31 minutes old: the 5 m and 30 m short windows are empty, so only the tickets fire.
    expect(recall).toMatchObject({ sli: 'recall', good: 6, total: 9, firing: 'ticket' });
    expect(recall?.budgetRemaining).toBeCloseTo(1 - 20 / 3, 12);
    expect(recall?.burnRates['1h']).toBeCloseTo(20 / 3, 12);
    const hour = snapshot.windows.find((w) => w.window === '1h');
    expect(hour?.quality.f1).toBeCloseTo(12 / 17, 12);
    expect(hour).toMatchObject({ decisions: 20, coverage: 1, completion: 0.8, tasks: 10 });
    expect(snapshot.variants.control?.labelled).toBe(20);
    expect(snapshot.tasks.default).toMatchObject({ labelled: 20, completion: 0.8 });
    expect(snapshot.drift.map((d) => [d.feature, d.method, d.status])).toEqual([
      ['amount', 'wasserstein', 'drifted'],
      ['channel', 'chi_square', 'ok'],
    ]);
  });

  test('It stays compact: no counters, a few kilobytes as JSON.', () => {
    // Act
    const json = JSON.stringify(evaluationSnapshot(knownEvaluation()));

    // Assess
    expect(json).not.toContain('\u001f');
    expect(json.length).toBeLessThan(4096);
  });
});

describe('Function: snapshotDue', () => {
  test.each([
    ['A 1-minute schedule stores at :00', at(10, 0), 60_000, true],
    ['A 1-minute schedule stores at :05', at(10, 5), 60_000, true],
    ['A 1-minute schedule skips :07', at(10, 7), 60_000, false],
    ['Seconds after the minute do not matter', at(10, 5) + 30_000, 60_000, true],
    [
      'A 7-minute schedule stores every run (each run is the first of its interval)',
      at(10, 7),
      7 * 60_000,
      true,
    ],
  ])('%s.', (_name, asOf, interval, expected) => {
    expect(snapshotDue(asOf, interval)).toBe(expected);
  });
});
