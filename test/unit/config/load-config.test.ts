import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import {
  CONFIG_DEFAULTS,
  ConfigError,
  monitorConfigSchema,
  parseConfig,
  validateConfig,
} from '../../../functions/domain/config/index.ts';
import { DomainError } from '../../../functions/domain/errors.ts';
import { WORKBOOK_BURN_RATE_RULES } from '../../../functions/domain/slo/burn-rate-windows.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../functions/domain/slo/durations.ts';

const EXAMPLE_PATH = new URL('../../../config/driftwatch.example.yaml', import.meta.url);
const exampleText = readFileSync(EXAMPLE_PATH, 'utf8');

/** The smallest valid document, for cases that change one thing. */
const MINIMAL = `version: 1
monitors:
  - name: triage
    alerts: { runbookUrl: https://runbooks.example.com/triage }
    drift: { features: [{ name: amount, kind: numeric }] }
`;

function errorOf(text: string, file = 'driftwatch.yaml'): ConfigError {
  try {
    parseConfig(text, file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

describe('Function: parseConfig', () => {
  test('The example configuration parses without errors or warnings.', () => {
    // Prepare / Act
    const { config, warnings } = parseConfig(exampleText, 'driftwatch.example.yaml');

    // Assess
    expect(warnings.map(String)).toEqual([]);
    expect(config.monitors.map((m) => m.name)).toEqual([
      'support-triage',
      'code-review-agent',
      'fraud-screening',
    ]);
  });

  test('The example resolves durations to milliseconds and fills the defaults.', () => {
    // Prepare / Act
    const { config } = parseConfig(exampleText, 'driftwatch.example.yaml');
    const [triage, review, fraud] = config.monitors;

    // Assess
    expect(config.evaluationIntervalMs).toBe(MINUTE_MS);
    expect(triage?.slos[0]).toMatchObject({
      name: 'escalation-recall',
      sli: 'recall',
      budgetingMethod: 'occurrences',
      periodMs: 30 * DAY_MS,
      alertingSource: 'workbook',
      alerting: WORKBOOK_BURN_RATE_RULES,
    });
    expect(triage?.slos[1]).toMatchObject({
      sli: 'f1',
      budgetingMethod: 'timeslices',
      threshold: 0.8,
      timesliceMs: HOUR_MS,
      minSliceEvents: 30,
      minEvents: CONFIG_DEFAULTS.minEvents,
    });
    expect(triage?.alerts.renotifyIntervalMs).toBe(4 * HOUR_MS);
    expect(triage?.drift?.features[1]).toEqual({
      name: 'channel',
      kind: 'categorical',
      method: 'auto',
      categories: ['email', 'chat', 'phone', 'social'],
    });
    expect(review?.task).toEqual({
      slaMs: 30 * MINUTE_MS,
      timeoutMs: 2 * HOUR_MS,
      handedOffCounts: 'excluded',
    });
    expect(review?.slos[1]).toMatchObject({ sli: 'latency', thresholdMs: 10 * MINUTE_MS });
    expect(review?.drift?.baseline).toEqual({ kind: 'trailing', lengthMs: 14 * DAY_MS, offsetMs: DAY_MS });
    expect(fraud?.slos[0]?.alerting.map((r) => [r.severity, r.factor, r.budgetConsumed])).toEqual([
      ['page', 6, 0.05],
      ['ticket', 3, 0.1],
      ['ticket', 1, 0.1],
    ]);
    expect(fraud?.slos[2]?.filter).toEqual({ variant: 'canary' });
    expect(fraud?.alerts.renotifyIntervalMs).toBe(HOUR_MS);
  });

  test('The same document written as JSON gives the same configuration.', () => {
    // Prepare
    const json = JSON.stringify(parseYaml(exampleText), null, '\t');

    // Act
    const fromJson = parseConfig(json, 'driftwatch.json');
    const fromYaml = parseConfig(exampleText, 'driftwatch.example.yaml');

    // Assess
    expect(fromJson.config).toEqual(fromYaml.config);
  });

  test('A minimal monitor gets every default.', () => {
    // Prepare
    const text = `version: 1
monitors:
  - name: review
    task: { sla: 15m }
    slos: [{ name: completion, sli: completion, objective: 0.99 }]
    drift: { features: [{ name: amount, kind: numeric }] }
    alerts: { runbookUrl: https://runbooks.example.com/review }
`;

    // Act
    const { config } = parseConfig(text, 'driftwatch.yaml');
    const [monitor] = config.monitors;

    // Assess
    expect(config.evaluationIntervalMs).toBe(CONFIG_DEFAULTS.evaluationIntervalMs);
    expect(monitor?.task).toEqual({
      slaMs: 15 * MINUTE_MS,
      timeoutMs: 15 * MINUTE_MS,
      handedOffCounts: 'failure',
    });
    expect(monitor?.slos[0]).toEqual({
      name: 'completion',
      sli: 'completion',
      budgetingMethod: 'occurrences',
      objective: 0.99,
      periodMs: 30 * DAY_MS,
      minEvents: 50,
      alerting: WORKBOOK_BURN_RATE_RULES,
      alertingSource: 'workbook',
      filter: {},
    });
    expect(monitor?.drift).toEqual({
      features: [{ name: 'amount', kind: 'numeric', method: 'auto' }],
      includePrediction: true,
      baseline: { kind: 'trailing', lengthMs: 7 * DAY_MS, offsetMs: DAY_MS },
      windowMs: DAY_MS,
      minSamples: 500,
      correction: 'benjamini-hochberg',
    });
    expect(monitor?.alerts).toEqual({
      runbookUrl: 'https://runbooks.example.com/review',
      renotifyIntervalMs: 4 * HOUR_MS,
    });
  });

  test('The Workbook rules are scaled to a 28-day period: the fast page becomes 13.44×.', () => {
    // Prepare
    const text = MINIMAL.replace(
      '    drift:',
      '    positiveLabel: fraud\n    slos: [{ name: recall, sli: recall, objective: 0.999, period: 28d }]\n    drift:',
    );

    // Act
    const { config } = parseConfig(text, 'driftwatch.yaml');

    // Assess
    expect(config.monitors[0]?.slos[0]?.alerting.map((r) => r.factor)).toEqual([13.44, 5.6, 2.8, 28 / 30]);
  });

  test('alerting: none keeps the SLO for reports without alert rules.', () => {
    // Prepare
    const text = MINIMAL.replace(
      '    drift:',
      '    slos: [{ name: acc, sli: accuracy, objective: 0.9, alerting: none }]\n    drift:',
    );

    // Act
    const { config, warnings } = parseConfig(text, 'driftwatch.yaml');

    // Assess
    expect(config.monitors[0]?.slos[0]).toMatchObject({ alerting: [], alertingSource: 'none' });
    expect(warnings).toEqual([]);
  });

  test('Precision with a threshold is budgeted in timeslices; without one it is an occurrence ratio.', () => {
    // Prepare
    const text = MINIMAL.replace(
      '    drift:',
      `    positiveLabel: fraud
    slos:
      - { name: ratio, sli: precision, objective: 0.99 }
      - { name: sliced, sli: precision, objective: 0.95, threshold: 0.9, timeslice: 30m }
    drift:`,
    );

    // Act
    const { config } = parseConfig(text, 'driftwatch.yaml');
    const [ratio, sliced] = config.monitors[0]?.slos ?? [];

    // Assess
    expect(ratio).toMatchObject({ sli: 'precision', budgetingMethod: 'occurrences' });
    expect(sliced).toMatchObject({
      sli: 'precision',
      budgetingMethod: 'timeslices',
      threshold: 0.9,
      timesliceMs: 30 * MINUTE_MS,
    });
  });

  test('A feature listed twice with the same settings is tested once and reported as a warning.', () => {
    // Prepare
    const text = MINIMAL.replace(
      'drift: { features: [{ name: amount, kind: numeric }] }',
      'drift: { features: [{ name: amount, kind: numeric }, { name: amount, kind: numeric }] }',
    );

    // Act
    const { config, warnings } = parseConfig(text, 'driftwatch.yaml');

    // Assess
    expect(config.monitors[0]?.drift?.features).toHaveLength(1);
    expect(warnings.map((w) => w.code)).toEqual(['duplicate-feature']);
  });

  // Each case: what is wrong, the document, and the exact line the error message must contain.
  test.each([
    [
      'an objective above 1',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15m }
    slos:
      - name: completion
        sli: completion
        objective: 1.5
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:8:20: monitors[0].slos[0].objective: must be between 0 and 1, exclusive (got 1.5)',
    ],
    [
      'an objective written as a percentage',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15m }
    slos: [{ name: completion, sli: completion, objective: 99.9 }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:5:60: monitors[0].slos[0].objective: must be between 0 and 1, exclusive (got 99.9); write 0.999 for 99.9%',
    ],
    [
      'a misspelt key',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15m }
    slos:
      - name: completion
        sli: completion
        objetive: 0.99
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:8:9: monitors[0].slos[0].objetive: unknown key (did you mean "objective"?)',
    ],
    [
      'an unknown SLI',
      `version: 1
monitors:
  - name: triage
    slos: [{ name: quality, sli: f2, objective: 0.9 }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:34: monitors[0].slos[0].sli: must be one of completion, latency, precision, recall, accuracy, f1 (got "f2")',
    ],
    [
      'a duration with a fractional amount',
      `version: 1
monitors:
  - name: triage
    task: { sla: 1.5h }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:18: monitors[0].task.sla: "1.5h" is not a duration: amounts must be whole numbers (write 1h30m, not 1.5h)',
    ],
    [
      'a duration without a unit',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15 }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:18: monitors[0].task.sla: must be a duration with a unit, such as 15m, 15h or 15d (got 15)',
    ],
    [
      'an alert window that is not a whole number of minutes',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15m }
    slos:
      - name: completion
        sli: completion
        objective: 0.99
        alerting: [{ severity: page, factor: 14.4, longWindow: 1h, shortWindow: 90s }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:9:81: monitors[0].slos[0].alerting[0].shortWindow: must be a whole number of minutes, the finest counter bucket (got "90s")',
    ],
    [
      'an unknown alert severity',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15m }
    slos:
      - name: completion
        sli: completion
        objective: 0.99
        alerting: [{ severity: pager, factor: 14.4, longWindow: 1h, shortWindow: 5m }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:9:32: monitors[0].slos[0].alerting[0].severity: must be one of "page", "ticket" (got "pager")',
    ],
    [
      'a missing runbook link',
      `version: 1
monitors:
  - name: triage
    drift: { features: [{ name: amount, kind: numeric }] }
    alerts: { dashboardUrl: https://d.example.com }
`,
      'driftwatch.yaml:5:13: monitors[0].alerts.runbookUrl: is required',
    ],
    [
      'a runbook link that is not http(s)',
      `version: 1
monitors:
  - name: triage
    alerts: { runbookUrl: "ftp://r.example.com" }
`,
      'driftwatch.yaml:4:27: monitors[0].alerts.runbookUrl: must be an http(s) URL to the runbook (got "ftp://r.example.com")',
    ],
    [
      'several unknown keys in one mapping',
      `version: 1
monitors:
  - name: triage
    alerts: { runbookUrl: https://r.example.com }
    owner: team-a
    pager: team-a-oncall
`,
      'driftwatch.yaml:3:5: monitors[0]: unknown keys "owner", "pager" (allowed here: name, description, positiveLabel, task, slos, drift, alerts)',
    ],
    [
      'a label with a control character',
      `version: 1
monitors:
  - name: triage
    positiveLabel: "esc\\u0001alate"
    alerts: { runbookUrl: https://r.example.com }
`,
      'monitors[0].positiveLabel: must be a label: 1 to 256 characters without control characters (got "esc\\u0001alate")',
    ],
    [
      'an unsupported version',
      `version: 2
monitors: []
`,
      'driftwatch.yaml:1:10: version: unsupported version 2: this driftwatch reads version 1',
    ],
    [
      'an empty list of monitors',
      `version: 1
monitors: []
`,
      'driftwatch.yaml:2:11: monitors: must list at least one monitor',
    ],
    [
      'an invalid monitor name',
      `version: 1
monitors:
  - name: Support Triage
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:3:11: monitors[0].name: must be 1 to 64 lower-case letters, digits and dashes, starting with a letter or digit (got "Support Triage")',
    ],
    [
      'two monitors with the same name',
      `version: 1
monitors:
  - name: triage
    alerts: { runbookUrl: https://r.example.com }
  - name: triage
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:5:11: monitors[1].name: "triage" is already the name of monitors[0]; monitor names must be unique',
    ],
    [
      'two SLOs with the same name',
      `version: 1
monitors:
  - name: triage
    task: { sla: 15m }
    slos:
      - { name: done, sli: completion, objective: 0.99 }
      - { name: done, sli: completion, objective: 0.95 }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:7:17: monitors[0].slos[1].name: "done" is already the name of slos[0]; SLO names must be unique within a monitor',
    ],
    [
      'a completion SLO without task settings',
      `version: 1
monitors:
  - name: triage
    slos: [{ name: done, sli: completion, objective: 0.99 }]
    alerts: { runbookUrl: https://r.example.com }
`,
      "driftwatch.yaml:4:31: monitors[0].slos[0].sli: completion needs the monitor's task settings: add task: { sla: 15m }",
    ],
    [
      'a precision SLO without a positive label',
      `version: 1
monitors:
  - name: triage
    slos: [{ name: flags, sli: precision, objective: 0.99 }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:32: monitors[0].slos[0].sli: precision is measured for a positive class: set positiveLabel on the monitor (for a multi-class monitor use accuracy)',
    ],
    [
      'a period too short for the Workbook rules',
      `version: 1
monitors:
  - name: triage
    slos: [{ name: acc, sli: accuracy, objective: 0.99, period: 1d }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:65: monitors[0].slos[0].period: 1d is shorter than the 3d long window of the Workbook alert rules; set alerting to a list of rules or to none',
    ],
    [
      'a timeslice that does not divide the period',
      `version: 1
monitors:
  - name: triage
    positiveLabel: fraud
    slos: [{ name: f1, sli: f1, objective: 0.95, threshold: 0.8, timeslice: 7h }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:5:77: monitors[0].slos[0].timeslice: the period (30d) must be a whole number of timeslices (7h), more than one',
    ],
    [
      'a timeslice on a ratio SLO without a threshold',
      `version: 1
monitors:
  - name: triage
    slos: [{ name: acc, sli: accuracy, objective: 0.99, timeslice: 1h }]
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:68: monitors[0].slos[0].timeslice: applies only to threshold objectives: add threshold (e.g. 0.9) to budget accuracy per timeslice',
    ],
    [
      'a drift method that does not fit the feature kind',
      `version: 1
monitors:
  - name: triage
    drift: { features: [{ name: channel, kind: categorical, method: ks }] }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:69: monitors[0].drift.features[0].method: ks does not apply to a categorical feature; use one of auto, chi_square, jensen_shannon, psi',
    ],
    [
      'a drift threshold without an explicit method',
      `version: 1
monitors:
  - name: triage
    drift: { features: [{ name: amount, kind: numeric, threshold: 0.05 }] }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:67: monitors[0].drift.features[0].threshold: is an effect size whose scale depends on the method auto picks; set method as well (got 0.05)',
    ],
    [
      'a KS statistic threshold above 1',
      `version: 1
monitors:
  - name: triage
    drift: { features: [{ name: amount, kind: numeric, method: ks, threshold: 5 }] }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:79: monitors[0].drift.features[0].threshold: is a Kolmogorov-Smirnov statistic (largest CDF gap): it must be at most 1, e.g. 0.1 (got 5)',
    ],
    [
      'a feature listed twice with different settings',
      `version: 1
monitors:
  - name: triage
    drift:
      features:
        - { name: amount, kind: numeric }
        - { name: amount, kind: categorical }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:7:19: monitors[0].drift.features[1].name: "amount" is already listed at features[0] with other settings; list each feature once',
    ],
    [
      'declared categories on a numeric feature',
      `version: 1
monitors:
  - name: triage
    drift: { features: [{ name: amount, kind: numeric, categories: [a, b] }] }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:4:68: monitors[0].drift.features[0].categories: applies only to categorical features (this one is numeric)',
    ],
    [
      'a baseline that is both trailing and fixed',
      `version: 1
monitors:
  - name: triage
    drift:
      baseline: { trailing: { length: 7d }, fixed: { from: 2025-06-01, to: 2025-06-08 } }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:5:17: monitors[0].drift.baseline: must have exactly one of trailing: { length, offset } or fixed: { from, to }',
    ],
    [
      'a fixed baseline that ends before it starts',
      `version: 1
monitors:
  - name: triage
    drift:
      baseline: { fixed: { from: 2025-06-08, to: "2025-06-01T00:00:00Z" } }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:5:50: monitors[0].drift.baseline.fixed.to: must be after from',
    ],
    [
      'an impossible calendar date',
      `version: 1
monitors:
  - name: triage
    drift:
      baseline: { fixed: { from: 2025-02-30, to: 2025-03-08 } }
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:5:34: monitors[0].drift.baseline.fixed.from: must be an ISO 8601 date (2025-06-01, taken as UTC) or date-time with a zone (2025-06-01T00:00:00Z) (got "2025-02-30")',
    ],
    [
      'an evaluation interval under a minute',
      `version: 1
defaults: { evaluationInterval: 30s }
monitors:
  - name: triage
    alerts: { runbookUrl: https://r.example.com }
`,
      'driftwatch.yaml:2:33: defaults.evaluationInterval: must be a whole number of minutes, the finest counter bucket (got "30s")',
    ],
    [
      'a YAML syntax error',
      `version: 1
monitors: [
`,
      'driftwatch.yaml:3:1: YAML: ',
    ],
    [
      'a key written twice',
      `version: 1
version: 1
monitors: []
`,
      'driftwatch.yaml:2:1: YAML: Map keys must be unique',
    ],
    [
      'an alias bomb (billion laughs)',
      `version: 1
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
`,
      'driftwatch.yaml: YAML: Excessive alias count',
    ],
    [
      'an empty file',
      '# nothing here\n',
      'driftwatch.yaml: the file is empty: expected version: 1 and a list of monitors',
    ],
  ])('It rejects %s, naming the file, the line, the path and the reason.', (_name, text, expectedLine) => {
    // Prepare / Act
    const error = errorOf(text);

    // Assess
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('ConfigError');
    expect(error.message.split('\n').map((line) => line.trim())).toContainEqual(
      expect.stringContaining(expectedLine),
    );
  });

  test('It reports every problem at once, in file order, each as a located issue.', () => {
    // Prepare
    const text = `version: 1
monitors:
  - name: triage
    task: { sla: 15m, timeout: soon }
    slos: [{ name: done, sli: completion, objective: 2 }]
    alerts: { runbookUrl: nope }
`;

    // Act
    const error = errorOf(text);

    // Assess
    expect(error.message.split('\n')[0]).toBe('driftwatch.yaml: invalid configuration (3 problems):');
    expect(error.issues.map((i) => [i.path, i.line])).toEqual([
      ['monitors[0].task.timeout', 4],
      ['monitors[0].slos[0].objective', 5],
      ['monitors[0].alerts.runbookUrl', 6],
    ]);
  });

  test('It locates problems in a JSON file too.', () => {
    // Prepare
    const text =
      '{\n  "version": 1,\n  "monitors": [\n    { "name": "x", "alerts": { "runbookUrl": 42 } }\n  ]\n}\n';

    // Act
    const error = errorOf(text, 'driftwatch.json');

    // Assess
    expect(error.issues.map(String)).toEqual([
      'driftwatch.json:4:46: monitors[0].alerts.runbookUrl: must be an http(s) URL to the runbook (got 42)',
    ]);
  });
});

describe('Function: validateConfig', () => {
  test('It validates a document built in code, naming paths without line numbers.', () => {
    // Prepare
    const document = {
      version: 1,
      monitors: [{ name: 'x', alerts: { runbookUrl: 'https://r.example.com' }, slos: 3 }],
    };

    // Act
    const attempt = () => validateConfig(document, 'inline');

    // Assess
    expect(attempt).toThrow('inline: monitors[0].slos: must be a list of SLOs (got 3)');
  });
});

describe('Constant: monitorConfigSchema', () => {
  test('It converts to a JSON Schema for editors, with its unknown-key checks.', () => {
    // Prepare / Act
    const schema = z.toJSONSchema(monitorConfigSchema, { io: 'input' });

    // Assess
    expect(schema).toMatchObject({
      type: 'object',
      required: ['version', 'monitors'],
      additionalProperties: false,
    });
  });
});
