import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../../functions/domain/config/load-config.ts';
import { foldOptionsLookup } from '../../../functions/domain/counters/fold-options-from-config.ts';
import { evaluateMonitor } from '../../../functions/domain/evaluation/evaluate-monitor.ts';
import type { DriftwatchEvent } from '../../../functions/domain/events/event-schema.ts';
import { validateEvent } from '../../../functions/domain/events/validate-event.ts';
import { InMemoryPipeline } from '../../../functions/offline/in-memory-pipeline.ts';
import { RawSampleIndex } from '../../../functions/offline/raw-sample-index.ts';
import { expectClose, loadEvaluationReference } from './reference.ts';

/**
 * evaluateMonitor over the raw-sample source of the offline pipeline, against the numbers
 * evaluation_reference.py computed from the same events with scikit-learn and SciPy.
 */
const reference = loadEvaluationReference();
const { config } = parseConfig(reference.config, 'evaluation-reference.yaml');
const monitor = config.monitors[0];
if (!monitor) throw new Error('the reference configuration has no monitor');

function evaluate() {
  const pipeline = new InMemoryPipeline(foldOptionsLookup(config));
  for (const raw of reference.events) {
    const validation = validateEvent(raw, 0);
    if (!validation.ok) throw new Error(JSON.stringify(validation.rejections));
    pipeline.ingest(validation.event as DriftwatchEvent);
  }
  const source = { counters: pipeline.countersBetween.bind(pipeline), raw: new RawSampleIndex(pipeline) };
  return evaluateMonitor(monitor as NonNullable<typeof monitor>, Date.parse(reference.asOf), source);
}

const evaluation = evaluate();

describe('Function: evaluateMonitor (against scikit-learn and SciPy on an events file)', () => {
  test('It evaluates exactly the windows of the SLO rules, the period and the drift window.', () => {
    // Prepare
    const expected = reference.windows.map((w) => w.windowMs);

    // Act
    const windows = evaluation.windows.map((w) => w.windowMs);

    // Assess
    expect(windows).toEqual(expected);
  });

  test.each(reference.windows.map((w) => [w.windowMs / 60_000, w] as const))(
    'It reports the decisions, labels and quality of the %d-minute window as scikit-learn computes them.',
    (_minutes, expected) => {
      // Prepare
      const window = evaluation.windows.find((w) => w.windowMs === expected.windowMs);

      // Act
      const quality = window?.quality;

      // Assess
      expect({ from: window?.from, to: window?.to }).toEqual({ from: expected.from, to: expected.to });
      expect(window?.decisions).toBe(expected.decisions);
      expect(quality?.labelled).toBe(expected.labelled);
      expect(window?.coverage).toEqual({
        decisions: expected.decisions,
        labelled: expected.labelled,
        coverage: expected.decisions === 0 ? null : expected.labelled / expected.decisions,
      });
      if (expected.quality === null) {
        expect(quality?.binary).toBeNull();
        return;
      }
      expectClose(quality?.binary?.precision, expected.quality.precision);
      expectClose(quality?.binary?.recall, expected.quality.recall);
      expectClose(quality?.binary?.f1, expected.quality.f1);
      expectClose(quality?.multiclass?.accuracy, expected.quality.accuracy);
    },
  );

  test.each(reference.windows.map((w) => [w.windowMs / 60_000, w] as const))(
    'It reports the task outcomes, completion and exact latency percentiles of the %d-minute window.',
    (_minutes, expected) => {
      // Prepare
      const window = evaluation.windows.find((w) => w.windowMs === expected.windowMs);

      // Act
      const tasks = window?.tasks;

      // Assess
      expect(tasks?.outcomes).toEqual(expected.outcomes);
      expect({ good: tasks?.completion.good, total: tasks?.completion.total }).toEqual(expected.completion);
      if (expected.latency === null) {
        expect(tasks?.latencyMs).toBeNull();
        return;
      }
      expect(tasks?.latencyMs?.approximate).toBe(false);
      expectClose(tasks?.latencyMs?.p50, expected.latency[0]);
      expectClose(tasks?.latencyMs?.p95, expected.latency[1]);
      expectClose(tasks?.latencyMs?.p99, expected.latency[2]);
    },
  );

  test.each(Object.entries(reference.slos))(
    'It counts the %s SLO over its 30-day period.',
    (name, counts) => {
      // Prepare
      const slo = evaluation.slos.find((s) => s.name === name);

      // Act
      const period = slo?.periodCounts;

      // Assess
      expect(period).toEqual(counts);
    },
  );

  test('It compares the drift window with the day-aligned 7-day baseline ending a day before asOf.', () => {
    // Prepare
    const drift = evaluation.drift;

    // Act
    const ranges = { baseline: drift?.baseline, window: drift?.window };

    // Assess
    expect(ranges).toEqual({ baseline: reference.drift.baseline, window: reference.drift.window });
  });

  test.each(reference.drift.features.map((f) => [f.feature, f] as const))(
    'It measures drift of %s like SciPy and flags it only when it moved.',
    (name, expected) => {
      // Prepare
      const result = evaluation.drift?.features.find((f) => f.feature === name);

      // Act
      const status = result?.status;

      // Assess
      expect(result?.method).toBe(expected.method);
      expect(result?.referenceSize).toBe(expected.referenceSize);
      expect(result?.currentSize).toBe(expected.currentSize);
      expectClose(result?.referenceMissingShare, expected.referenceMissingShare);
      expectClose(result?.currentMissingShare, expected.currentMissingShare);
      expectClose(result?.statistic, expected.statistic);
      // p-values span many orders of magnitude: compare relatively.
      expect(Math.abs((result?.pValue ?? Number.NaN) - expected.pValue)).toBeLessThanOrEqual(
        1e-7 * expected.pValue + 1e-15,
      );
      expect(Math.abs((result?.adjustedPValue ?? Number.NaN) - expected.adjustedPValue)).toBeLessThanOrEqual(
        1e-7 * expected.adjustedPValue + 1e-15,
      );
      expect(status).toBe(expected.drifted ? 'drifted' : 'ok');
      expect(result?.approximate).toBe(false);
    },
  );

  test('It flags the shifted feature and the one whose missing share moved, and no other.', () => {
    // Prepare
    const features = evaluation.drift?.features ?? [];

    // Act
    const drifted = features.filter((f) => f.status === 'drifted').map((f) => f.feature);

    // Assess
    expect(drifted).toEqual(['radius', 'smoothness']);
    expect(evaluation.drift?.share).toMatchObject({ drifted: 2, total: 4 });
  });
});
