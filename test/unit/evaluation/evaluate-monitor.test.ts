import { describe, expect, test } from 'vitest';
import type { Monitor } from '../../../functions/domain/config/config-types.ts';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { foldOptionsLookup } from '../../../functions/domain/counters/fold-options-from-config.ts';
import {
  baselineRange,
  evaluateMonitor,
  monitorWindows,
} from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import type { WindowSource } from '../../../functions/domain/evaluation/window-source.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import { RawSampleIndex } from '../../../functions/offline/raw-sample-index.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ASOF = Date.parse('2026-11-20T12:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

function monitorFrom(yaml: string): Monitor {
  const { config } = parseConfig(`version: 1\nmonitors:\n${yaml}`, 'test.yaml');
  const monitor = config.monitors[0];
  if (!monitor) throw new Error('no monitor');
  return monitor;
}

const plain = monitorFrom(`
  - name: plain
    slos: []
    alerts: { runbookUrl: https://runbooks.example.com/plain }
`);

const withSlo = monitorFrom(`
  - name: triage
    positiveLabel: escalate
    slos:
      - { name: recall, sli: recall, objective: 0.95, period: 30d }
    drift:
      features: [{ name: amount, kind: numeric }]
      baseline: { trailing: { length: 7d, offset: 1d } }
      window: 4h
    alerts: { runbookUrl: https://runbooks.example.com/triage }
`);

/** Folds events into the offline pipeline and evaluates one monitor over it. */
function evaluate(monitor: Monitor, events: readonly DriftwatchEvent[], options: { raw?: boolean } = {}) {
  const pipeline = new InMemoryPipeline(
    foldOptionsLookup({ version: 1, evaluationIntervalMs: MINUTE, monitors: [monitor] }),
  );
  for (const e of events) pipeline.ingest(e);
  const source: WindowSource = {
    counters: pipeline.countersBetween.bind(pipeline),
    ...(options.raw === false ? {} : { raw: new RawSampleIndex(pipeline) }),
  };
  return evaluateMonitor(monitor, ASOF, source);
}

const task = (monitor: string, id: string, status: 'started' | 'completed', t: number): DriftwatchEvent => ({
  type: 'task',
  id: `${id}-${status}`,
  monitor,
  time: iso(t),
  taskId: id,
  status,
});

describe('Function: monitorWindows', () => {
  test('It lists the period, every alert window and the drift window once, shortest first.', () => {
    // Prepare
    const monitor = withSlo;

    // Act
    const windows = monitorWindows(monitor);

    // Assess
    expect(windows).toEqual([
      5 * MINUTE,
      30 * MINUTE,
      HOUR,
      2 * HOUR,
      4 * HOUR,
      6 * HOUR,
      DAY,
      3 * DAY,
      30 * DAY,
    ]);
  });

  test('It shows the last hour and the last day for a monitor without SLOs or drift.', () => {
    // Prepare
    const monitor = plain;

    // Act
    const windows = monitorWindows(monitor);

    // Assess
    expect(windows).toEqual([HOUR, DAY]);
  });
});

describe('Function: baselineRange', () => {
  test.each<[string, string, number, string, string]>([
    [
      'a 7-day trailing baseline (whole days)',
      '{ trailing: { length: 7d, offset: 1d } }',
      ASOF,
      '2026-11-12T00:00:00.000Z',
      '2026-11-19T00:00:00.000Z',
    ],
    [
      'the same one just before midnight',
      '{ trailing: { length: 7d, offset: 1d } }',
      Date.parse('2026-11-20T23:59:00Z'),
      '2026-11-12T00:00:00.000Z',
      '2026-11-19T00:00:00.000Z',
    ],
    [
      'a 6-hour trailing baseline (to the minute)',
      '{ trailing: { length: 6h, offset: 1h } }',
      ASOF + 30_000,
      '2026-11-20T05:00:00.000Z',
      '2026-11-20T11:00:00.000Z',
    ],
    [
      'a fixed baseline (edges rounded inwards to minutes)',
      '{ fixed: { from: "2026-10-01T00:00:30Z", to: "2026-10-08T00:00:30Z" } }',
      ASOF,
      '2026-10-01T00:01:00.000Z',
      '2026-10-08T00:00:00.000Z',
    ],
  ])('It places %s.', (_what, baseline, asOf, from, to) => {
    // Prepare
    const monitor = monitorFrom(`
  - name: b
    slos: []
    drift:
      features: [{ name: x, kind: numeric }]
      baseline: ${baseline}
    alerts: { runbookUrl: https://runbooks.example.com/b }
`);

    // Act
    const range = baselineRange(monitor, asOf);

    // Assess
    expect(range && { from: iso(range.from), to: iso(range.to) }).toEqual({ from, to });
  });
});

describe('Function: evaluateMonitor', () => {
  test('It reports empty windows, no SLO budget and insufficient drift data when there are no events.', () => {
    // Prepare
    const events: DriftwatchEvent[] = [];

    // Act
    const evaluation = evaluate(withSlo, events);

    // Assess
    expect(evaluation.asOf).toBe('2026-11-20T12:00:00.000Z');
    for (const w of evaluation.windows) {
      expect(w.decisions).toBe(0);
      expect(w.quality).toEqual({ labelled: 0, binary: null, multiclass: null });
      expect(w.coverage.coverage).toBeNull();
      expect(w.tasks.completion.ratio).toBeNull();
    }
    expect(evaluation.slos[0]).toMatchObject({ ratio: null, budget: null, firing: null });
    // The feature, and the prediction and confidence (includePrediction defaults to true).
    expect(evaluation.drift?.features.map((f) => [f.feature, f.status])).toEqual([
      ['amount', 'insufficient_data'],
      ['prediction', 'insufficient_data'],
      ['confidence', 'insufficient_data'],
    ]);
  });

  test('It keeps a task of a monitor without task settings pending until the default 15-minute SLA has passed.', () => {
    // Prepare: one task started 5 minutes ago, one 20 minutes ago; neither has ended.
    const events = [
      task('plain', 'recent', 'started', ASOF - 5 * MINUTE),
      task('plain', 'old', 'started', ASOF - 20 * MINUTE),
    ];

    // Act
    const hour = evaluate(plain, events).windows.find((w) => w.windowMs === HOUR);

    // Assess
    expect(hour?.tasks.outcomes).toMatchObject({ started: 2, pending: 1, timedOut: 1 });
  });

  test('It reads task latencies from the histogram, within 1 %, when the source keeps no raw values.', () => {
    // Prepare
    const latencies = [61_000, 95_000, 130_000, 240_000, 600_000];
    const events = latencies.flatMap((l, i) => [
      task('plain', `t${i}`, 'started', ASOF - HOUR + i * MINUTE),
      task('plain', `t${i}`, 'completed', ASOF - HOUR + i * MINUTE + l),
    ]);

    // Act
    const exact = evaluate(plain, events).windows[0]?.tasks.latencyMs;
    const binned = evaluate(plain, events, { raw: false }).windows[0]?.tasks.latencyMs;

    // Assess
    expect(exact).toMatchObject({ p50: 130_000, count: 5, approximate: false });
    expect(binned?.approximate).toBe(true);
    for (const k of ['p50', 'p95', 'p99'] as const) {
      expect(Math.abs((binned?.[k] ?? 0) - (exact?.[k] ?? 0))).toBeLessThanOrEqual(
        0.0101 * (exact?.[k] ?? 0),
      );
    }
  });
});
