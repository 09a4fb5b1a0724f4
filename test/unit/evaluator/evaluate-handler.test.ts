import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  compactSummary,
  evaluationTimeOf,
  ScheduledEventError,
} from '../../../functions/handlers/evaluate.ts';
import { knownEvaluation } from './fixtures.ts';

const SAMPLE = JSON.parse(
  readFileSync(new URL('../../../events/schedule/evaluate.json', import.meta.url), 'utf8'),
);

describe('Function: evaluationTimeOf', () => {
  test('The sample Scheduler event evaluates as of its scheduled time, with its execution id.', () => {
    expect(evaluationTimeOf(SAMPLE)).toEqual({
      asOf: Date.UTC(2026, 10, 23, 6, 0),
      executionId: '5f1d3c1e-8a4b-4d6e-9f0a-2b7c8d9e0f11',
    });
  });

  test('A time with an offset is read as the instant it names.', () => {
    expect(evaluationTimeOf({ time: '2026-11-23T07:00:00+01:00' }).asOf).toBe(Date.UTC(2026, 10, 23, 6, 0));
  });

  test.each([
    ['An event without a time', { detail: {} }],
    ['A time without a zone', { time: '2026-11-23T06:00:00' }],
    ['An unfilled Scheduler placeholder', { time: '<aws.scheduler.scheduled-time>' }],
    ['Something that is not an event', 'evaluate'],
  ])('%s is refused with a ScheduledEventError.', (_name, event) => {
    expect(() => evaluationTimeOf(event)).toThrow(ScheduledEventError);
  });
});

describe('Function: compactSummary', () => {
  test('The Lambda answer keeps counts per monitor and drops the evaluations.', () => {
    // Prepare
    const summary = {
      asOf: '2026-11-20T12:00:00.000Z',
      failed: ['broken'],
      monitors: [
        {
          monitor: 'triage',
          ok: true as const,
          evaluation: knownEvaluation(),
          itemsRead: { buckets: 90, timesliceDays: 0, baseline: 1, total: 91 },
          alerts: {
            alerts: 4,
            firing: 1,
            transitions: 1,
            published: [{ id: 'x', alert: 'a', kind: 'firing' as const }],
            pending: 0,
            publishFailures: 0,
            conflicts: 0,
            claimed: 0,
          },
          snapshot: true,
          slicesStored: 0,
          durationMs: 12,
        },
        { monitor: 'broken', ok: false as const, error: 'Error: boom' },
      ],
    };

    // Act
    const compact = compactSummary(summary);

    // Assess
    expect(compact).toEqual({
      asOf: '2026-11-20T12:00:00.000Z',
      monitors: [
        {
          monitor: 'triage',
          ok: true,
          itemsRead: 91,
          alertsFiring: 1,
          published: 1,
          pendingNotifications: 0,
        },
        { monitor: 'broken', ok: false },
      ],
    });
  });
});
