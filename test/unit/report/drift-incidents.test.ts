import { describe, expect, test } from 'vitest';
import type { DriftStatus } from '../../../functions/domain/evaluation/feature-drift.ts';
import {
  type DriftCheck,
  incidentsFromAlerts,
  incidentsFromChecks,
} from '../../../functions/report/drift-incidents.ts';

const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

/** Daily checks of one feature with the given statuses and statistics (threshold 0.1). */
function checks(
  feature: string,
  statuses: readonly (DriftStatus | '-')[],
  statistics: readonly number[] = [],
): DriftCheck[] {
  return statuses.map((status, i) => ({
    windowFrom: i * 24 * H,
    windowTo: (i + 1) * 24 * H,
    features:
      status === '-'
        ? []
        : [{ feature, status, method: 'ks', statistic: statistics[i] ?? 0.05, threshold: 0.1 }],
  }));
}

describe('Function: incidentsFromChecks', () => {
  test.each<[string, (DriftStatus | '-')[], { from: number; to: number; ongoing: boolean }[]]>([
    ['no drift', ['ok', 'ok', 'ok'], []],
    ['one drifted day', ['ok', 'drifted', 'ok'], [{ from: 1, to: 2, ongoing: false }]],
    [
      'two consecutive days are one incident',
      ['drifted', 'drifted', 'ok'],
      [{ from: 0, to: 2, ongoing: false }],
    ],
    [
      'a clear day splits two incidents',
      ['drifted', 'ok', 'drifted', 'ok'],
      [
        { from: 0, to: 1, ongoing: false },
        { from: 2, to: 3, ongoing: false },
      ],
    ],
    [
      'insufficient data ends an incident (drift is not assumed)',
      ['drifted', 'insufficient_data', 'drifted', 'ok'],
      [
        { from: 0, to: 1, ongoing: false },
        { from: 2, to: 3, ongoing: false },
      ],
    ],
    ['drift at the last check is ongoing', ['ok', 'drifted', 'drifted'], [{ from: 1, to: 3, ongoing: true }]],
    [
      'a feature dropped from a check ends its incident',
      ['drifted', '-', 'ok'],
      [{ from: 0, to: 1, ongoing: false }],
    ],
  ])('%s', (_, statuses, expected) => {
    // Act
    const incidents = incidentsFromChecks(checks('amount', statuses));

    // Assess
    expect(
      incidents.map((i) => ({
        from: Date.parse(i.from) / (24 * H),
        to: Date.parse(i.to) / (24 * H),
        ongoing: i.ongoing,
      })),
    ).toEqual(expected);
    for (const i of incidents) expect(i.durationMs).toBe(Date.parse(i.to) - Date.parse(i.from));
  });

  test('an incident reports its strongest verdict (largest statistic relative to the threshold) and its checks', () => {
    // Act
    const [incident] = incidentsFromChecks(
      checks('amount', ['drifted', 'drifted', 'drifted'], [0.2, 0.5, 0.3]),
    );

    // Assess
    expect(incident).toMatchObject({
      feature: 'amount',
      method: 'ks',
      statistic: 0.5,
      threshold: 0.1,
      checks: 3,
    });
  });

  test('features are tracked independently and incidents are sorted by start, then feature', () => {
    // Prepare
    const a = checks('b-feature', ['drifted', 'ok']);
    const b = checks('a-feature', ['drifted', 'drifted']);
    const merged: DriftCheck[] = a.map((c, i) => ({
      ...c,
      features: [...c.features, ...(b[i]?.features ?? [])],
    }));

    // Act
    const incidents = incidentsFromChecks(merged);

    // Assess
    expect(incidents.map((i) => [i.feature, i.durationMs / H, i.ongoing])).toEqual([
      ['a-feature', 48, true],
      ['b-feature', 24, false],
    ]);
  });
});

describe('Function: incidentsFromAlerts', () => {
  test('drift episodes overlapping the week become incidents; SLO episodes and episodes outside are left out', () => {
    // Prepare
    const week = { from: 100 * H, to: 268 * H };
    const episodes = [
      {
        monitor: 'm',
        kind: 'drift' as const,
        subject: 'amount',
        severity: 'ticket' as const,
        firedAt: 90 * H,
        resolvedAt: 110 * H,
        method: 'psi',
        statistic: 0.4,
        threshold: 0.2,
      },
      {
        monitor: 'm',
        kind: 'drift' as const,
        subject: 'country',
        severity: 'ticket' as const,
        firedAt: 260 * H,
      },
      {
        monitor: 'm',
        kind: 'drift' as const,
        subject: 'old',
        severity: 'ticket' as const,
        firedAt: 10 * H,
        resolvedAt: 20 * H,
      },
      {
        monitor: 'm',
        kind: 'slo' as const,
        subject: 'recall',
        severity: 'page' as const,
        firedAt: 150 * H,
        resolvedAt: 151 * H,
      },
    ];

    // Act
    const incidents = incidentsFromAlerts(episodes, week.from, week.to, 270 * H);

    // Assess
    expect(incidents).toEqual([
      {
        feature: 'amount',
        method: 'psi',
        statistic: 0.4,
        threshold: 0.2,
        from: iso(90 * H),
        to: iso(110 * H),
        durationMs: 20 * H,
        ongoing: false,
        severity: 'ticket',
      },
      {
        feature: 'country',
        method: null,
        statistic: null,
        threshold: null,
        from: iso(260 * H),
        to: iso(270 * H),
        durationMs: 10 * H,
        ongoing: true,
        severity: 'ticket',
      },
    ]);
  });
});
