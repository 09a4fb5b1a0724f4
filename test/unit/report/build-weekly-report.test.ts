import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Monitor } from '../../../functions/domain/config/config-types.ts';
import { evaluateMonitor } from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import type {
  MonitorEvaluation,
  WindowEvaluation,
} from '../../../functions/domain/evaluation/evaluation-types.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { evaluateEventsFile, type FileEvaluation } from '../../../functions/offline/evaluate-events-file.ts';
import { RawSampleIndex } from '../../../functions/offline/raw-sample-index.ts';
import { buildWeeklyReport } from '../../../functions/report/build-weekly-report.ts';
import type { MonitorWeek, WeeklyReport } from '../../../functions/report/report-types.ts';
import {
  type OfflineEvents,
  offlineAsOf,
  offlineReportSource,
  readEventsFile,
} from '../../../functions/reporter/offline-source.ts';
import { CONFIG, WEEK, weekEvents } from './week-scenario.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SLOW = { timeout: 180_000 };

/** Lines that are not valid events: the report counts them by reason. */
const BAD_LINES = [
  '{"type":"decision","id":"x1","monitor":"fraud-screening","time":"2026-11-18T10:00:00Z","predicted":"fraud","confidence":7}',
  '{"type":"decision","id":"x2","monitor":"fraud-screening","time":"2026-11-18T11:00:00Z","predicted":"fraud","confidence":2}',
  '{"type":"decision","id":"x3","monitor":"no-such-monitor","time":"2026-11-19T10:00:00Z","predicted":"fraud"}',
  '{"type":"decision","id":"x4","monitor":"fraud-screening","time":"2026-11-01T10:00:00Z","predicted":"fraud","confidence":3}',
  'this is not json',
];

function monitor(name: string): Monitor {
  const m = CONFIG.monitors.find((x) => x.name === name);
  if (!m) throw new Error(`no monitor ${name}`);
  return m;
}

function week(report: WeeklyReport, name: string): MonitorWeek {
  const m = report.monitors.find((x) => x.monitor === name);
  if (!m) throw new Error(`no monitor ${name} in the report`);
  return m;
}

function window(e: MonitorEvaluation | undefined, length: string): WindowEvaluation {
  const w = e?.windows.find((x) => x.window === length);
  if (!w) throw new Error(`no ${length} window`);
  return w;
}

/** Precision, recall and F1 of the positive label straight from the events: an independent count. */
function rawBinary(
  events: readonly DriftwatchEvent[],
  name: string,
  positive: string,
  from: number,
  to: number,
) {
  const predicted = new Map<string, string>();
  const actual = new Map<string, string>();
  for (const e of events) {
    if (e.monitor !== name) continue;
    if (e.type === 'decision' && Date.parse(e.time) >= from && Date.parse(e.time) < to)
      predicted.set(e.id, e.predicted);
    if (e.type === 'label' && !actual.has(e.decisionId)) actual.set(e.decisionId, e.actual);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let labelled = 0;
  for (const [id, p] of predicted) {
    const a = actual.get(id);
    if (a === undefined) continue;
    labelled++;
    if (p === positive && a === positive) tp++;
    else if (p === positive) fp++;
    else if (a === positive) fn++;
  }
  return {
    decisions: predicted.size,
    labelled,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    f1: (2 * tp) / (2 * tp + fp + fn),
  };
}

describe('Function: buildWeeklyReport', SLOW, () => {
  const dir = mkdtempSync(join(tmpdir(), 'driftwatch-report-'));
  const file = join(dir, 'events.jsonl');
  let events: DriftwatchEvent[];
  let folded: OfflineEvents;
  let report: WeeklyReport;
  let evaluated: FileEvaluation;

  beforeAll(async () => {
    events = weekEvents();
    writeFileSync(file, `${[...events.map((e) => JSON.stringify(e)), ...BAD_LINES].join('\n')}\n`);
    folded = await readEventsFile(file, CONFIG);
    report = buildWeeklyReport(CONFIG, WEEK, offlineReportSource(folded, file), {
      asOf: offlineAsOf(folded, WEEK.to),
    });
    // `driftwatch evaluate --at <end of the week>` on the same file.
    evaluated = await evaluateEventsFile(file, { config: CONFIG, at: WEEK.to, skipInvalid: true });
  }, SLOW.timeout);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the report covers the ISO week, Monday to Sunday, as of the end of the week (the file ends there)', () => {
    expect(report.week).toBe('2026-W47');
    expect(report.days).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(report.asOf).toBe('2026-11-23T00:00:00.000Z');
    expect(report.monitors.map((m) => m.monitor)).toEqual(['fraud-screening', 'review-agent']);
  });

  test('week precision, recall and F1 equal an independent count of decisions and labels in the events', () => {
    // Prepare
    const expected = rawBinary(events, 'fraud-screening', 'fraud', WEEK.from, WEEK.to);

    // Act
    const m = week(report, 'fraud-screening');

    // Assess
    expect(m.decisions.week).toBe(expected.decisions);
    expect(m.quality.week?.labelled).toBe(expected.labelled);
    expect(m.quality.week?.precision).toBeCloseTo(expected.precision, 12);
    expect(m.quality.week?.recall).toBeCloseTo(expected.recall, 12);
    expect(m.quality.week?.f1).toBeCloseTo(expected.f1, 12);
  });

  test.each([0, 2, 4, 6])('day %i: precision, recall and F1 equal an independent count of that day', (d) => {
    const from = WEEK.from + d * DAY;
    const expected = rawBinary(events, 'fraud-screening', 'fraud', from, from + DAY);
    const q = week(report, 'fraud-screening').quality.daily[d];
    expect(q?.precision).toBeCloseTo(expected.precision, 12);
    expect(q?.recall).toBeCloseTo(expected.recall, 12);
    expect(q?.f1).toBeCloseTo(expected.f1, 12);
  });

  test.each(['fraud-screening', 'review-agent'])(
    '%s: Sunday equals the 1d window of `driftwatch evaluate --at` the end of the week',
    (name) => {
      // Prepare
      const sunday = window(
        evaluated.monitors.find((m) => m.monitor === name),
        '1d',
      );

      // Act
      const m = week(report, name);

      // Assess
      expect(sunday.from).toBe('2026-11-22T00:00:00.000Z');
      expect(m.decisions.daily[6]).toBe(sunday.decisions);
      expect(m.coverage.daily[6]).toEqual(sunday.coverage);
      const q = m.quality.daily[6];
      const ref = sunday.quality.binary ?? sunday.quality.multiclass?.macro;
      expect(q?.precision).toBeCloseTo(ref?.precision ?? Number.NaN, 12);
      expect(q?.recall).toBeCloseTo(ref?.recall ?? Number.NaN, 12);
      expect(q?.f1).toBeCloseTo(ref?.f1 ?? Number.NaN, 12);
      expect(m.tasks.daily[6]?.outcomes).toEqual(sunday.tasks.outcomes);
      expect(m.tasks.daily[6]?.completion).toEqual(sunday.tasks.completion);
      expect(m.tasks.daily[6]?.latencyMs).toEqual(sunday.tasks.latencyMs);
    },
  );

  test.each(['fraud-screening', 'review-agent'])(
    '%s: the error budget left at the end of the week equals `driftwatch evaluate` of each SLO',
    (name) => {
      const slos = evaluated.monitors.find((m) => m.monitor === name)?.slos ?? [];
      const m = week(report, name);
      expect(m.slos.map((s) => s.name)).toEqual(slos.map((s) => s.name));
      m.slos.forEach((s, i) => {
        const ref = slos[i]?.budget;
        expect(ref).toBeTruthy();
        expect(s.budgetAtWeekEnd?.remaining).toBeCloseTo(ref?.remaining ?? Number.NaN, 12);
        expect(s.burnDown).toHaveLength(8);
        expect(s.burnDown[7]?.remaining).toBe(s.budgetAtWeekEnd?.remaining);
        expect(s.burnDown[0]?.at).toBe('2026-11-16T00:00:00.000Z');
      });
    },
  );

  test.each(['fraud-screening', 'review-agent'])(
    '%s: week quality, coverage, per variant and per task, completion and latency equal evaluateMonitor over the 7 days',
    (name) => {
      // Prepare
      const source = {
        counters: folded.pipeline.countersBetween.bind(folded.pipeline),
        raw: new RawSampleIndex(folded.pipeline),
      };
      const reference = window(
        evaluateMonitor(monitor(name), WEEK.to, source, { windowsMs: [7 * DAY] }),
        '7d',
      );

      // Act
      const m = week(report, name);

      // Assess
      expect(reference.from).toBe(new Date(WEEK.from).toISOString());
      expect(m.coverage.week).toEqual(reference.coverage);
      expect(m.coverage.byVariant).toEqual(reference.coverageByVariant);
      expect(m.tasks.week.outcomes).toEqual(reference.tasks.outcomes);
      expect(m.tasks.week.completion).toEqual(reference.tasks.completion);
      expect(m.tasks.week.latencyMs).toEqual(reference.tasks.latencyMs);
      expect(Object.keys(m.quality.byVariant)).toEqual(Object.keys(reference.qualityByVariant));
      for (const [variant, q] of Object.entries(reference.qualityByVariant)) {
        const f1 = q.binary?.f1 ?? q.multiclass?.macro.f1;
        expect(m.quality.byVariant[variant]?.week?.f1).toBeCloseTo(f1 ?? Number.NaN, 12);
      }
      for (const [task, q] of Object.entries(reference.qualityByTask)) {
        expect(m.quality.byTask[task]?.week?.labelled).toBe(q.labelled);
      }
      // The days add up to the week.
      expect(m.decisions.daily.reduce((s, n) => s + n, 0)).toBe(m.decisions.week);
      expect(m.tasks.daily.reduce((s, t) => s + t.outcomes.started, 0)).toBe(m.tasks.week.outcomes.started);
    },
  );

  test('SLO attainment is the SLI over the week against the objective', () => {
    // Prepare
    const expected = rawBinary(events, 'fraud-screening', 'fraud', WEEK.from, WEEK.to);

    // Act
    const recall = week(report, 'fraud-screening').slos.find((s) => s.name === 'fraud-recall');

    // Assess
    expect(recall?.week.ratio).toBeCloseTo(expected.recall, 12);
    expect(recall?.week.met).toBe(expected.recall >= 0.9);
    expect(recall?.daily.map((d) => d.ratio)).toEqual(
      week(report, 'fraud-screening').quality.daily.map((q) => q?.recall ?? null),
    );
  });

  test('the outage on Wednesday shows as the worst day of completion, below the objective', () => {
    const m = week(report, 'review-agent');
    const ratios = m.tasks.daily.map((d) => d.completion.ratio ?? 1);
    expect(Math.min(...ratios)).toBe(ratios[2]);
    expect(ratios[2]).toBeLessThan(0.9);
    const completion = m.slos.find((s) => s.name === 'review-completion');
    expect(completion?.daily[2]?.ratio).toBeLessThan(0.97);
    // The budget burns faster on the day of the outage than on any other day.
    const burn = (completion?.burnDown ?? []).map((p) => p.remaining ?? 0);
    const drops = burn.slice(1).map((r, i) => (burn[i] ?? 0) - r);
    expect(Math.max(...drops)).toBe(drops[2]);
  });

  test('the drift of amount on Thursday and Friday is an incident of exactly those two days', () => {
    const incidents = week(report, 'fraud-screening').drift.incidents;
    expect(week(report, 'fraud-screening').drift.basis).toBe('checks');
    const first = incidents[0];
    expect(first).toMatchObject({
      feature: 'amount',
      method: 'ks',
      from: '2026-11-19T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      durationMs: 2 * DAY,
      checks: 2,
    });
    expect(first?.statistic).toBeGreaterThan(0.3);
    expect(incidents.every((i) => i.feature === 'amount')).toBe(true);
  });

  test('the canary regression on Friday and Saturday shows in the F1 of the canary, not of the control', () => {
    const byVariant = week(report, 'fraud-screening').quality.byVariant;
    const canary = byVariant.canary?.daily ?? [];
    const control = byVariant.control?.daily ?? [];
    for (const d of [4, 5]) expect(canary[d]?.f1 ?? 1).toBeLessThan((control[d]?.f1 ?? 0) - 0.15);
    for (const d of [0, 1, 2])
      expect(Math.abs((canary[d]?.f1 ?? 0) - (control[d]?.f1 ?? 0))).toBeLessThan(0.15);
  });

  test('the confidence trade-off at threshold 0 is what happened: its precision and recall are the week’s', () => {
    const m = week(report, 'fraud-screening');
    const first = m.confidence?.rows[0];
    expect(m.confidence?.available).toBe(true);
    expect(m.confidence?.decisions).toBe(m.quality.week?.labelled);
    expect(first?.precision).toBeCloseTo(m.quality.week?.precision ?? Number.NaN, 12);
    expect(first?.recall).toBeCloseTo(m.quality.week?.recall ?? Number.NaN, 12);
    expect(m.confidence?.rows).toHaveLength(20);
    // A monitor without a positive label has no trade-off section.
    expect(week(report, 'review-agent').confidence).toBeNull();
  });

  test('rejected lines dated in the week are counted by reason; undated ones are counted and flagged', () => {
    expect(report.rejections).toMatchObject({ available: true, total: 4, undated: 1 });
    const reasons = Object.fromEntries(report.rejections.byReason.map((r) => [r.reason, r.count]));
    expect(reasons['not valid JSON']).toBe(1);
    expect(Object.keys(reasons).some((r) => r.startsWith('confidence:'))).toBe(true);
    expect(Object.values(reasons).reduce((s, n) => s + n, 0)).toBe(4);
    expect(Object.keys(reasons).find((r) => r.startsWith('monitor:'))).toContain('no-such-monitor');
  });

  test('without alert history the alerts section says so and the overview shows no count', () => {
    const m = week(report, 'fraud-screening');
    expect(m.alerts.available).toBe(false);
    expect(m.alerts.note).toMatch(/alert history/);
    expect(report.overview.every((o) => o.alertsFired === null)).toBe(true);
  });

  test('a report made later settles the tasks still open at the end of the week: none is pending', () => {
    // Act
    const later = buildWeeklyReport(CONFIG, WEEK, offlineReportSource(folded, file), {
      asOf: WEEK.to + 3 * HOUR,
    });

    // Assess
    const now = week(report, 'review-agent').tasks.daily[6]?.outcomes;
    const then = week(later, 'review-agent').tasks.daily[6]?.outcomes;
    expect(now?.pending).toBeGreaterThan(0);
    expect(then?.pending).toBe(0);
    expect(then?.timedOut).toBe((now?.timedOut ?? 0) + (now?.pending ?? 0));
    expect(later.asOf).toBe('2026-11-23T03:00:00.000Z');
  });

  test('an instant before the end of the week is moved to the end: a weekly report covers a full week', () => {
    const early = buildWeeklyReport(CONFIG, WEEK, offlineReportSource(folded, file), { asOf: WEEK.to - DAY });
    expect(early.asOf).toBe(report.asOf);
  });
});
