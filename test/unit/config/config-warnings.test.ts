import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  configWarnings,
  formatPath,
  monitorConfigSchema,
  parseConfig,
} from '../../../functions/domain/config/index.ts';

/** A document with one monitor whose body lines are given (indented 4 spaces), plus optional defaults. */
function document(monitorBody: string, defaults = ''): string {
  return `version: 1
${defaults}monitors:
  - name: triage
    alerts: { runbookUrl: https://r.example.com }
${monitorBody}`;
}

/** The schema's resolved output, before parseConfig drops repeated features. */
function warningsOf(text: string) {
  const config = monitorConfigSchema.parse(parseYaml(text));
  return configWarnings(config).map((w) => ({ code: w.code, path: formatPath(w.path), message: w.message }));
}

describe('Function: configWarnings', () => {
  test.each([
    [
      'a Workbook 14.4× page on a 90% SLO, which a full outage cannot reach',
      document('    slos: [{ name: acc, sli: accuracy, objective: 0.9 }]\n'),
      'alert-never-fires',
      'monitors[0].slos[0].objective',
      'the page rule 14.4× over 1h/5m (Workbook default) can never fire: at objective 0.9 the highest possible burn rate is 10× (every event bad); it needs an objective above 93.06% or a factor below 10',
    ],
    [
      'a custom rule whose factor equals the highest possible burn rate',
      document(
        '    slos:\n      - name: acc\n        sli: accuracy\n        objective: 0.95\n        alerting: [{ severity: page, factor: 20, longWindow: 1h, shortWindow: 5m }]\n',
      ),
      'alert-never-fires',
      'monitors[0].slos[0].alerting[0]',
      'the page rule 20× over 1h/5m can never fire: at objective 0.95 the highest possible burn rate is 20×',
    ],
    [
      'a 99.9% SLO whose minimum of 50 events lets one failure page (the 6× rule is the strictest)',
      document('    slos: [{ name: acc, sli: accuracy, objective: 0.999, minEvents: 50 }]\n'),
      'single-event-pages',
      'monitors[0].slos[0].minEvents',
      'with minEvents 50, one bad event among 50 in the 6h window (2%) already exceeds the page rule 6× over 6h/30m (Workbook default) (0.6%): raise minEvents to at least 167',
    ],
    [
      'a minimum of 0 events',
      document(
        '    slos: [{ name: acc, sli: accuracy, objective: 0.9, minEvents: 0, alerting: [{ severity: ticket, factor: 1, longWindow: 3d, shortWindow: 6h }] }]\n',
      ),
      'min-events-zero',
      'monitors[0].slos[0].minEvents',
      'minEvents is 0: a single bad event in an otherwise quiet window can fire an alert',
    ],
    [
      'a short window as long as the long window',
      document(
        '    slos: [{ name: acc, sli: accuracy, objective: 0.99, alerting: [{ severity: page, factor: 14.4, longWindow: 1h, shortWindow: 1h }] }]\n',
      ),
      'short-window-not-shorter',
      'monitors[0].slos[0].alerting[0].shortWindow',
      'the short window (1h) is not shorter than the long window (1h)',
    ],
    [
      'a long window longer than the period',
      document(
        '    slos: [{ name: acc, sli: accuracy, objective: 0.99, period: 7d, alerting: [{ severity: ticket, factor: 1, longWindow: 8d, shortWindow: 16h }] }]\n',
      ),
      'window-longer-than-period',
      'monitors[0].slos[0].alerting[0].longWindow',
      'the long window (8d) is longer than the SLO period (7d)',
    ],
    [
      'a period longer than the 30 days of counters kept',
      document('    slos: [{ name: acc, sli: accuracy, objective: 0.99, period: 90d }]\n'),
      'window-beyond-retention',
      'monitors[0].slos[0].period',
      'the period (90d) is longer than the 30d of counters the pipeline keeps',
    ],
    [
      'a long window beyond the 30 days of counters kept',
      document(
        '    slos: [{ name: acc, sli: accuracy, objective: 0.99, period: 30d, alerting: [{ severity: ticket, factor: 1, longWindow: 31d, shortWindow: 1d }] }]\n',
      ),
      'window-beyond-retention',
      'monitors[0].slos[0].alerting[0].longWindow',
      'the long window (31d) reaches beyond the 30d of counters the pipeline keeps',
    ],
    [
      'a Workbook 5-minute short window on hourly F1 timeslices',
      document(
        '    positiveLabel: escalate\n    slos: [{ name: f1, sli: f1, objective: 0.95, threshold: 0.8 }]\n',
      ),
      'window-shorter-than-timeslice',
      'monitors[0].slos[0].objective',
      'the 5m short window of the page rule 14.4× over 1h/5m (Workbook default) is shorter than the 1h timeslice',
    ],
    [
      'evaluations slower than the 5-minute short window',
      document(
        '    slos: [{ name: acc, sli: accuracy, objective: 0.99 }]\n',
        'defaults: { evaluationInterval: 10m }\n',
      ),
      'evaluation-slower-than-short-window',
      'monitors[0].slos[0].objective',
      'evaluations run every 10m, longer than the 5m short window of the page rule 14.4× over 1h/5m (Workbook default)',
    ],
    [
      'a task timeout shorter than its SLA',
      document(
        '    task: { sla: 30m, timeout: 10m }\n    slos: [{ name: done, sli: completion, objective: 0.99 }]\n',
      ),
      'timeout-before-sla',
      'monitors[0].task.timeout',
      'the timeout (10m) is shorter than the SLA (30m)',
    ],
    [
      'a latency threshold at the task timeout',
      document(
        '    task: { sla: 15m }\n    slos: [{ name: fast, sli: latency, objective: 0.99, threshold: 15m }]\n',
      ),
      'latency-threshold-beyond-timeout',
      'monitors[0].slos[0].threshold',
      'the latency threshold (15m) is not below the task timeout (15m): every completed task meets it',
    ],
    [
      'a feature listed twice',
      document(
        '    drift:\n      features:\n        - { name: amount, kind: numeric }\n        - { name: amount, kind: numeric }\n',
      ),
      'duplicate-feature',
      'monitors[0].drift.features[1].name',
      '"amount" is listed again (same as features[0]); it is tested once',
    ],
    [
      'a trailing baseline that overlaps the drift window',
      document(
        '    drift: { features: [{ name: amount, kind: numeric }], window: 1d, baseline: { trailing: { length: 7d, offset: 12h } } }\n',
      ),
      'baseline-overlaps-window',
      'monitors[0].drift.baseline.trailing.offset',
      'the baseline ends 12h ago but the window covers the last 1d: they overlap',
    ],
    [
      'a trailing baseline reaching beyond the counters kept',
      document(
        '    drift: { features: [{ name: amount, kind: numeric }], baseline: { trailing: { length: 28d, offset: 7d } } }\n',
      ),
      'window-beyond-retention',
      'monitors[0].drift.baseline.trailing',
      'the baseline reaches 35d back, beyond the 30d of counters the pipeline keeps',
    ],
    [
      'drift with no features and no prediction',
      document('    drift: { includePrediction: false }\n'),
      'drift-tests-nothing',
      'monitors[0].drift.features',
      'drift lists no features and includePrediction is false: nothing is tested',
    ],
    [
      'a monitor with neither SLOs nor drift',
      document(''),
      'monitor-watches-nothing',
      'monitors[0].name',
      'monitor "triage" has no SLOs and no drift to test: it will never alert',
    ],
    [
      're-notification faster than evaluation',
      document(
        '    drift: { features: [{ name: amount, kind: numeric }] }\n',
        'defaults: { evaluationInterval: 5m, renotifyInterval: 1m }\n',
      ),
      'renotify-faster-than-evaluation',
      'monitors[0].alerts.renotifyInterval',
      're-notifying every 1m is faster than evaluations (every 5m)',
    ],
  ])('It warns about %s.', (_name, text, code, path, message) => {
    // Prepare / Act
    const warnings = warningsOf(text);

    // Assess
    expect(warnings).toContainEqual({ code, path, message: expect.stringContaining(message) });
  });

  test('It does not warn about a 14.4× page at 93.06%, just above the boundary, nor with enough minimum events.', () => {
    // Prepare
    const text = document('    slos: [{ name: acc, sli: accuracy, objective: 0.9306, minEvents: 3 }]\n');

    // Act
    const warnings = warningsOf(text);

    // Assess
    expect(warnings).toEqual([]);
  });

  test('It warns about a 14.4× page at 93.05%, just below the boundary.', () => {
    // Prepare
    const text = document('    slos: [{ name: acc, sli: accuracy, objective: 0.9305, minEvents: 3 }]\n');

    // Act
    const codes = warningsOf(text).map((w) => w.code);

    // Assess
    expect(codes).toEqual(['alert-never-fires']);
  });

  test('Its smallest safe minimum of events is exact: at 99.9%, 167 stops a single failure paging (1/167 < 0.6%), 166 does not.', () => {
    // Prepare
    const at = (minEvents: number) =>
      document(`    slos: [{ name: acc, sli: accuracy, objective: 0.999, minEvents: ${minEvents} }]\n`);

    // Act
    const with166 = warningsOf(at(166)).map((w) => w.code);
    const with167 = warningsOf(at(167)).map((w) => w.code);

    // Assess
    expect(with166).toEqual(['single-event-pages']);
    expect(with167).toEqual([]);
  });
});

describe('Function: parseConfig', () => {
  test('Its warnings name the file, line, path and reason, in file order.', () => {
    // Prepare
    const text = document(
      '    task: { sla: 30m, timeout: 10m }\n    slos: [{ name: acc, sli: accuracy, objective: 0.9 }]\n',
    );

    // Act
    const { warnings } = parseConfig(text, 'driftwatch.yaml');

    // Assess
    expect(warnings.map(String)).toEqual([
      'driftwatch.yaml:5:32: monitors[0].task.timeout: the timeout (10m) is shorter than the SLA (30m): tasks time out before they can be late, so the SLA is effectively 10m',
      'driftwatch.yaml:6:51: monitors[0].slos[0].objective: the page rule 14.4× over 1h/5m (Workbook default) can never fire: at objective 0.9 the highest possible burn rate is 10× (every event bad); it needs an objective above 93.06% or a factor below 10',
    ]);
  });
});
