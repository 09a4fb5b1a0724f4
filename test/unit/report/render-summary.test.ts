import { beforeAll, describe, expect, test } from 'vitest';
import { buildWeeklyReport } from '../../../functions/report/build-weekly-report.ts';
import {
  MAX_SUBJECT_LENGTH,
  renderSummary,
  reportSubject,
} from '../../../functions/report/render/render-summary.ts';
import type { WeeklyReport } from '../../../functions/report/report-types.ts';
import { offlineEventsFrom, offlineReportSource } from '../../../functions/reporter/offline-source.ts';
import { CONFIG, WEEK, weekEvents } from './week-scenario.ts';

const SLOW = { timeout: 120_000 };

describe('Function: renderSummary', SLOW, () => {
  let report: WeeklyReport;

  beforeAll(() => {
    report = buildWeeklyReport(
      CONFIG,
      WEEK,
      offlineReportSource(offlineEventsFrom(weekEvents(12_000), CONFIG), 'scenario'),
    );
  }, SLOW.timeout);

  test('the summary has a headline, a totals line, one line per monitor and the rejected events', () => {
    // Act
    const lines = renderSummary(report).trimEnd().split('\n');

    // Assess
    expect(lines[0]).toBe('driftwatch weekly report 2026-W47 (2026-11-16 to 2026-11-22 UTC)');
    const met = report.overview.reduce((s, o) => s + o.slosMet, 0);
    const missed = report.overview.reduce((s, o) => s + o.slosMissed, 0);
    expect(lines[1]).toContain(`2 monitors; SLOs: ${met} met, ${missed} missed`);
    expect(lines[2]).toMatch(/^- fraud-screening: fraud-recall /);
    expect(lines[3]).toMatch(/^- review-agent: review-completion /);
    expect(lines[4]).toBe('Rejected events: none');
    expect(lines).toHaveLength(5);
  });

  test('an SLO below its objective is written MISSED so it stands out in plain text', () => {
    // Prepare
    const missed: WeeklyReport = {
      ...report,
      monitors: report.monitors.map((m) => ({
        ...m,
        slos: m.slos.map((s) => ({ ...s, week: { ...s.week, ratio: 0.5, met: false } })),
      })),
    };

    // Act
    const text = renderSummary(missed);

    // Assess
    expect(text).toContain('fraud-recall 50.0% vs 90% MISSED');
  });
});

describe('Function: reportSubject', SLOW, () => {
  test.each([
    [0, 0, 'driftwatch 2026-W47: no SLO missed, 0 drift incidents'],
    [1, 1, 'driftwatch 2026-W47: 1 SLO missed, 1 drift incident'],
    [3, 2, 'driftwatch 2026-W47: 3 SLOs missed, 2 drift incidents'],
  ])('%d missed SLOs and %d drift incidents read "%s"', (missed, drift, subject) => {
    // Prepare
    const report = {
      week: '2026-W47',
      overview: [
        { slosMet: 1, slosMissed: missed, slosWithoutData: 0, driftIncidents: drift, alertsFired: null },
      ],
    } as unknown as WeeklyReport;

    // Act, Assess
    expect(reportSubject(report)).toBe(subject);
  });

  test('a subject longer than SNS allows is cut to 100 characters with an ellipsis', () => {
    const report = { week: 'W'.repeat(150), overview: [] } as unknown as WeeklyReport;
    const subject = reportSubject(report);
    expect(subject).toHaveLength(MAX_SUBJECT_LENGTH);
    expect(subject.endsWith('…')).toBe(true);
  });
});
