import { describe, expect, test } from 'vitest';
import {
  OfflineEvents,
  offlineAsOf,
  offlineReportSource,
  rejectionsBetween,
} from '../../../functions/reporter/offline-source.ts';
import { CONFIG, WEEK } from './week-scenario.ts';

const decision = (id: string, time: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'decision',
    id,
    monitor: 'fraud-screening',
    time,
    predicted: 'fraud',
    confidence: 0.9,
    ...extra,
  });
const label = (id: string, decisionId: string, actual: string, time: string) =>
  JSON.stringify({ type: 'label', id, monitor: 'fraud-screening', time, decisionId, actual });

describe('Function: OfflineEvents', () => {
  test('valid events are folded; duplicates are not rejections; conflicts, bad lines and unknown monitors are, by reason', () => {
    // Prepare
    const events = new OfflineEvents(CONFIG);
    const lines = [
      decision('d1', '2026-11-18T10:00:00Z'),
      decision('d1', '2026-11-18T10:00:00Z'), // a re-delivery: a duplicate
      label('l1', 'd1', 'fraud', '2026-11-18T11:00:00Z'),
      label('l2', 'd1', 'ok', '2026-11-18T12:00:00Z'), // a second, different label: a conflict
      decision('d2', '2026-11-19T10:00:00Z', { confidence: 3 }),
      decision('d3', '2026-11-19T10:00:00Z', { monitor: 'nobody' }),
      '{"type":',
    ];

    // Act
    for (const [i, l] of lines.entries()) events.addLine(l, i + 1, l.length);

    // Assess
    expect(events.accepted).toBe(2);
    expect(events.duplicates).toBe(1);
    expect(events.latest).toBe(Date.parse('2026-11-18T11:00:00Z'));
    expect(events.rejections.map((r) => r.reason)).toEqual([
      'conflicts with an event already stored for the same decision or task (first wins)',
      expect.stringMatching(/^confidence: /),
      'monitor: monitor "nobody" is not in the configuration',
      'not valid JSON',
    ]);
    expect(events.rejections.map((r) => r.time)).toEqual([
      Date.parse('2026-11-18T12:00:00Z'),
      Date.parse('2026-11-19T10:00:00Z'),
      Date.parse('2026-11-19T10:00:00Z'),
      undefined,
    ]);
  });

  test('the offline source counts the confidence and outcome of labelled decisions from the raw records', () => {
    // Prepare
    const events = new OfflineEvents(CONFIG);
    for (const [i, l] of [
      decision('d1', '2026-11-18T10:00:00Z'),
      label('l1', 'd1', 'ok', '2026-11-18T11:00:00Z'),
    ].entries()) {
      events.addLine(l, i + 1, l.length);
    }

    // Act
    const outcomes = offlineReportSource(events, 'test').confidenceOutcomes?.(
      'fraud-screening',
      'fraud',
      WEEK.from,
      WEEK.to,
    );

    // Assess
    expect(outcomes?.fp[18]).toBe(1);
    expect(
      [...(outcomes?.tp ?? []), ...(outcomes?.fn ?? []), ...(outcomes?.tn ?? [])].every((c) => c === 0),
    ).toBe(true);
  });
});

describe('Function: rejectionsBetween', () => {
  test('rejections dated in the range and undated ones are counted by reason; the undated ones are flagged', () => {
    const rejections = [
      { time: 10, reason: 'a' },
      { time: 20, reason: 'a' },
      { time: 30, reason: 'b' },
      { time: 5, reason: 'a' },
      { time: undefined, reason: 'not valid JSON' },
    ];
    expect(rejectionsBetween(rejections, 10, 30)).toEqual({
      total: 3,
      byReason: { a: 2, 'not valid JSON': 1 },
      undated: 1,
    });
  });
});

describe('Function: offlineAsOf', () => {
  test.each([
    [Number.NEGATIVE_INFINITY, WEEK.to],
    [WEEK.to - 30_000, WEEK.to],
    [WEEK.to + 90_000, WEEK.to + 120_000],
  ])('a file whose latest event is at %d is reported as of %d', (latest, asOf) => {
    const events = new OfflineEvents(CONFIG);
    events.latest = latest;
    expect(offlineAsOf(events, WEEK.to)).toBe(asOf);
  });
});
