import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeDemoReport } from '../../functions/demo/demo-report.ts';
import { type DemoResult, runDemoReplay } from '../../functions/demo/demo-runner.ts';
import { demoWeekStart } from '../../functions/demo/demo-scenario.ts';
import type { ReceivedAlert } from '../../functions/local/alert-printer.ts';
import { isoWeekOf } from '../../functions/report/iso-week.ts';
import type { WeeklyReport } from '../../functions/report/report-types.ts';

/**
 * `npm run demo`, in process: the whole week replayed through the local pipeline (DynamoDB Local, the real
 * handlers, the SNS → SQS alert queue). The alerts read from the queue must be exactly the ones the scenario
 * was built to cause — the canary's F1 ticket, the outage's page and the ticket after it, the drift ticket —
 * each firing and resolving once, in its window; and the weekly report of the week is written.
 */

const DAY = 86_400_000;
/**
 * The week `npm run demo` would replay today. Its traffic is the same whatever the week (a fixed seed, times
 * relative to the Monday), and a recent week keeps every item within the tables' TTLs.
 */
const WEEK_START = demoWeekStart(Date.now());

const transitions = (alerts: readonly ReceivedAlert[]) =>
  alerts.filter((a) => !a.renotification).map((a) => `${a.monitor}/${a.subject} ${a.severity} ${a.state}`);

describe('Function: runDemoReplay (the demo week through the local pipeline)', { timeout: 1_200_000 }, () => {
  let result: DemoResult;
  const out = mkdtempSync(join(tmpdir(), 'driftwatch-demo-'));

  beforeAll(async () => {
    // Act
    result = await runDemoReplay({
      weekStart: WEEK_START,
      writeReport: (context) => writeDemoReport(context, out),
    });
  }, 1_200_000);

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  test('the whole week is ingested and evaluated without a failure', () => {
    // Assess
    expect(result.aborted).toBe(false);
    expect(result.failedEvaluations).toBe(0);
    expect(result.evaluations).toBe(result.scenario.evaluationTimes.length);
    expect(result.events.rejected).toBe(0);
    expect(result.events.accepted).toBeGreaterThan(20_000);
    expect(result.scenario.weekEnd - result.scenario.weekStart).toBe(7 * DAY);
  });

  test('the alerts are exactly the ones the scenario was built to cause, in the order of the story', () => {
    // Assess
    expect(transitions(result.alerts)).toEqual([
      'support-triage/canary-f1 ticket firing',
      'support-triage/canary-f1 ticket resolved',
      'code-review-agent/review-completion page firing',
      'code-review-agent/review-completion page resolved',
      'code-review-agent/review-completion ticket firing',
      'code-review-agent/review-completion ticket resolved',
      'fraud-screening/amount ticket firing',
      'fraud-screening/amount ticket resolved',
    ]);
  });

  test('each alert fires and resolves inside the window its scenario predicts, and re-notifies only while open', () => {
    // Assess
    expect(result.check.problems).toEqual([]);
    expect(result.check.ok).toBe(true);
  });

  test('the weekly report of the replayed week is written from the State table, with the alerts in it', () => {
    // Assess
    expect(result.reportPath).toBe(join(out, 'report.html'));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as WeeklyReport;
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report.week).toBe(isoWeekOf(WEEK_START).name);
    expect(report.overview.map((o) => [o.monitor, o.alertsFired])).toEqual([
      ['support-triage', 1],
      ['code-review-agent', 2],
      ['fraud-screening', 1],
    ]);
    expect(html).toContain('canary-f1');
    expect(html).toContain('review-completion');
  });
});
